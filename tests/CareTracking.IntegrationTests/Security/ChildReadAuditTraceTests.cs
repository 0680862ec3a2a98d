using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// A read-audit row carries the request's W3C trace id, the one problems answer with and every log line of the
/// request carries in its TraceId scope, so an audit row can be joined to the logs and to what the caller saw.
/// </summary>
public sealed class ChildReadAuditTraceTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();

    private async Task<string> AuditedTraceIdAsync(string authority, string childId, string what) =>
        await Eventually.Within(TimeSpan.FromSeconds(10), async () =>
        {
            await using var conn = new Npgsql.NpgsqlConnection(stack.Database);
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand(
                "select coalesce(string_agg(trace_id, ','), '') from eventstore.ct_child_read_audit where authority = @a and child_id = @c and what = @w", conn);
            cmd.Parameters.AddWithValue("a", authority);
            cmd.Parameters.AddWithValue("c", childId);
            cmd.Parameters.AddWithValue("w", what);
            return (string)(await cmd.ExecuteScalarAsync())!;
        }, t => t.Length > 0);

    [Fact]
    public async Task a_read_is_audited_under_the_trace_id_of_the_callers_traceparent()
    {
        Assert.Equal(HttpStatusCode.Created, (await placements.ClientFor("831", Scopes.PlacementsWrite)
            .Post("/api/children/trace-1/entered-care", Requests.EnteredCare())).StatusCode);
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/children/trace-1");
        read.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        Assert.Equal(HttpStatusCode.OK, (await placements.ClientFor("831", Scopes.PlacementsRead).SendAsync(read)).StatusCode);

        Assert.Equal(traceId, await AuditedTraceIdAsync("831", "trace-1", "current-state"));
    }

    [Fact]
    public async Task a_lookup_that_found_nothing_is_audited_under_the_trace_id_its_problem_names()
    {
        var answer = await placements.ClientFor("855", Scopes.PlacementsRead).GetAsync("/api/children/trace-unknown");
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        var problemTraceId = (string)(await answer.Body())["traceId"]!;

        Assert.Matches("^[0-9a-f]{32}$", problemTraceId);
        Assert.Equal(problemTraceId, await AuditedTraceIdAsync("855", "trace-unknown", "current-state:not-found"));
    }
}
