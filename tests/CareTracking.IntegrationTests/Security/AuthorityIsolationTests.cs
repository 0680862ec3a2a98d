using System.Net;
using System.Net.Http.Headers;
using CareTracking.EventStore;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// The authority bound to a token is enforced inside PostgreSQL too: the Placements service, with a probe
/// endpoint added that forgets to filter by authority, still reaches only the token's authority's rows.
/// </summary>
public sealed class AuthorityIsolationTests(ServiceStack stack) : IClassFixture<ServiceStack>, IAsyncLifetime
{
    private const string ProbePath = "/probe/unfiltered-event-count";
    private readonly ServiceHost<PlacementsHost> placements = new(stack);
    private WebApplicationFactory<PlacementsHost> probed = null!;

    public Task InitializeAsync()
    {
        probed = placements.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ForgetfulProbe>()));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await probed.DisposeAsync();
        await placements.DisposeAsync();
    }

    /// <summary>Counts every event with no authority filter, as the request's authority (the request path's
    /// scope), or with no scope at all.</summary>
    private sealed class ForgetfulProbe : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(ProbePath, probe => probe.Run(async http =>
            {
                http.User = (await http.AuthenticateAsync("Bearer")).Principal ?? throw new UnauthorizedAccessException();
                var store = http.RequestServices.GetRequiredService<DocumentStore>();
                var sql = $"select count(*) from {store.Schema}.mt_events";
                long count;
                if (http.Request.Query["scope"] == "none")
                {
                    await using var conn = await store.DataSource.OpenConnectionAsync(http.RequestAborted);
                    await using var cmd = new NpgsqlCommand(sql, conn);
                    count = (long)(await cmd.ExecuteScalarAsync(http.RequestAborted))!;
                }
                else
                {
                    count = await store.ForAuthorityAsync(http.User.Authority(), async (conn, tx, ct) =>
                    {
                        await using var cmd = new NpgsqlCommand(sql, conn, tx);
                        return (long)(await cmd.ExecuteScalarAsync(ct))!;
                    }, http.RequestAborted);
                }
                await http.Response.WriteAsync(count.ToString());
            }));
            next(app);
        };
    }

    private HttpClient ClientFor(string authority, params string[] scopes)
    {
        var client = probed.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(authority, scopes));
        return client;
    }

    private async Task EnterCareAsync(string authority, string childId) =>
        Assert.Equal(HttpStatusCode.Created,
            (await ClientFor(authority, Scopes.PlacementsWrite).Post($"/api/children/{childId}/entered-care", Requests.EnteredCare())).StatusCode);

    [Fact]
    public async Task a_query_that_forgets_the_authority_filter_still_reaches_only_the_tokens_authority()
    {
        // Authorities of their own: the other tests in this class add children to 831.
        await EnterCareAsync("316", "isolation-1");
        await EnterCareAsync("317", "isolation-2");
        await EnterCareAsync("317", "isolation-3");

        var newhamCount = long.Parse(await ClientFor("316").GetStringAsync(ProbePath));
        var redbridgeCount = long.Parse(await ClientFor("317").GetStringAsync(ProbePath));

        Assert.Equal((1, 2), (newhamCount, redbridgeCount));
        Assert.True(await stack.ScalarAsync("select count(*) from eventstore.mt_events") >= 3);
    }

    [Fact]
    public async Task a_query_outside_any_authority_scope_reaches_no_child_data()
    {
        await EnterCareAsync("831", "isolation-unscoped-1");

        var count = long.Parse(await ClientFor("831").GetStringAsync(ProbePath + "?scope=none"));

        Assert.Equal(0, count);
        Assert.True(await stack.ScalarAsync("select count(*) from eventstore.mt_events") > 0);
    }

    [Fact]
    public async Task the_service_still_reads_its_own_authoritys_child_and_audits_the_read()
    {
        await EnterCareAsync("831", "isolation-read-1");

        var response = await ClientFor("831", Scopes.PlacementsRead).GetAsync("/api/children/isolation-read-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await stack.ScalarAsync(
            "select count(*) from eventstore.ct_child_read_audit where authority = '831' and child_id = 'isolation-read-1'"));
    }
}
