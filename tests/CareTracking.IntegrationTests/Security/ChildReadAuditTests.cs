using System.Net;
using System.Text.Json;
using CareTracking.IntegrationTests.Harness;
using CareTracking.MissingEpisodes;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using Npgsql;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// The read audit (issue 10, items 4 and 8) records the person behind the client, lookups that found nothing,
/// can be queried by an authority's admin by child or by person, and is append-only for the services' role, as
/// the events are immutable for it.
/// </summary>
public sealed class ChildReadAuditTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();

    private HttpClient As(string authority, string person, params string[] scopes)
    {
        var client = placements.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Make(new()
        {
            ["authority"] = authority,
            ["scope"] = string.Join(' ', scopes),
            ["client_id"] = "case-system",
            ["sub"] = "case-system",
            ["act"] = JsonSerializer.Serialize(new { sub = person }),
        }));
        return client;
    }

    [Fact]
    public async Task a_read_records_the_person_a_miss_is_recorded_and_an_admin_can_query_both_ways()
    {
        Assert.Equal(HttpStatusCode.Created, (await placements.ClientFor("831", Scopes.PlacementsWrite)
            .Post("/api/children/audit-1/entered-care", Requests.EnteredCare())).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await As("831", "sw-jane", Scopes.PlacementsRead).GetAsync("/api/children/audit-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await As("855", "sw-probe", Scopes.PlacementsRead).GetAsync("/api/children/audit-1")).StatusCode);

        Assert.Equal(1, await stack.ScalarAsync(
            "select count(*) from eventstore.ct_child_read_audit where authority = '831' and child_id = 'audit-1' and client = 'case-system' and end_user = 'sw-jane' and what = 'current-state'"));
        Assert.Equal(1, await stack.ScalarAsync(
            "select count(*) from eventstore.ct_child_read_audit where authority = '855' and child_id = 'audit-1' and end_user = 'sw-probe' and what = 'current-state:not-found'"));

        var admin = placements.ClientFor("831", Scopes.Admin);
        var byChild = (await (await admin.GetAsync("/api/audit/child-reads?childId=audit-1")).Body()).AsArray();
        var byPerson = (await (await admin.GetAsync("/api/audit/child-reads?user=sw-jane")).Body()).AsArray();
        Assert.Equal([("sw-jane", "current-state")], byChild.Select(r => ((string)r!["endUser"]!, (string)r["what"]!)));
        Assert.Equal(["audit-1"], byPerson.Select(r => (string)r!["childId"]!));
        // Another authority's admin sees its own rows only; a reader cannot query the audit.
        var leicsAdmin = (await (await placements.ClientFor("855", Scopes.Admin).GetAsync("/api/audit/child-reads?childId=audit-1")).Body()).AsArray();
        Assert.Equal(["sw-probe"], leicsAdmin.Select(r => (string)r!["endUser"]!));
        Assert.Equal(HttpStatusCode.Forbidden, (await As("831", "sw-jane", Scopes.PlacementsRead).GetAsync("/api/audit/child-reads?childId=audit-1")).StatusCode);
    }

    [Fact]
    public async Task a_lookup_refused_for_want_of_a_scope_is_audited_as_denied()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await As("831", "sw-writer", Scopes.PlacementsWrite).GetAsync("/api/children/audit-2/history")).StatusCode);

        Assert.Equal(1, await stack.ScalarAsync(
            "select count(*) from eventstore.ct_child_read_audit where authority = '831' and child_id = 'audit-2' and end_user = 'sw-writer' and what = 'denied:GET /api/children/{childId}/history'"));
    }

    /// <summary>A 403 on a route that names no child (an episode, the audit itself) is audited too, under the marker
    /// <c>*</c> for the child (nothing was read, so none is known), and an admin finds it by the person.</summary>
    [Fact]
    public async Task a_refusal_on_a_route_without_a_child_is_audited_and_found_by_the_person()
    {
        var missing = stack.Start<MissingEpisodesHost>();
        var episode = Guid.NewGuid();
        var prober = missing.CreateClient();
        prober.DefaultRequestHeaders.Authorization = As("831", "sw-prober", Scopes.PlacementsRead).DefaultRequestHeaders.Authorization;

        Assert.Equal(HttpStatusCode.Forbidden, (await prober.GetAsync($"/api/missing-episodes/{episode}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As("831", "sw-prober", Scopes.PlacementsRead).GetAsync("/api/audit/child-reads?user=sw-jane")).StatusCode);

        Assert.Equal(1, await stack.ScalarAsync(
            "select count(*) from eventstore.ct_child_read_audit where authority = '831' and child_id = '*' and end_user = 'sw-prober' and what = 'denied:GET /api/missing-episodes/{episodeId:guid}'"));
        var byPerson = (await (await placements.ClientFor("831", Scopes.Admin).GetAsync("/api/audit/child-reads?user=sw-prober")).Body()).AsArray();
        Assert.Equal(
            [("*", "denied:GET /api/audit/child-reads"), ("*", "denied:GET /api/missing-episodes/{episodeId:guid}")],
            byPerson.Select(r => ((string)r!["childId"]!, (string)r["what"]!)));
    }

    [Theory]
    [InlineData("update eventstore.ct_child_read_audit set child_id = 'someone-else'")]
    [InlineData("delete from eventstore.ct_child_read_audit")]
    [InlineData("truncate eventstore.ct_child_read_audit")]
    [InlineData("update eventstore.mt_events set data = '{}'::jsonb")]
    [InlineData("delete from eventstore.mt_events")]
    [InlineData("truncate eventstore.mt_events")]
    public async Task the_services_role_cannot_change_or_remove_audit_rows_or_events(string sql)
    {
        _ = placements.Server; // the schema and its grants are applied at start-up
        await Eventually.Within(TimeSpan.FromSeconds(20), () => placements.CreateClient().GetAsync("/health/ready"), r => r.IsSuccessStatusCode);
        await using var conn = new NpgsqlConnection(stack.AppDatabase);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select set_config('ct.authority', '831', false); {sql}", conn);

        var error = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }
}
