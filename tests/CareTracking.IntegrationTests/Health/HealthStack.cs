using System.Net;
using System.Text.Json.Nodes;
using CareTracking.EventStore;
using CareTracking.Health;
using CareTracking.Health.WorkLists;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.Extensions.DependencyInjection;
using PlacementsService = CareTracking.Placements.PlacementsHost;

namespace CareTracking.IntegrationTests.Health;

/// <summary>Placements and Health on the class's own database and vhost, started once per class.</summary>
public class HealthStack : ServiceStack, IAsyncLifetime
{
    public ServiceHost<PlacementsService> Placements { get; private set; } = null!;
    public ServiceHost<HealthHost> Health { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Placements = Start<PlacementsService>();
        Health = Start<HealthHost>();
    }

    public HttpClient PlacementsWriter(string authority = "831") => Placements.ClientFor(authority, Scopes.PlacementsWrite);
    public HttpClient HealthWriter(string authority = "831") => Health.ClientFor(authority, Scopes.HealthWrite);
    public HttpClient HealthReader(string authority = "831") => Health.ClientFor(authority, Scopes.HealthRead);

    public async Task EnterCareAsync(string childId, string date, string authority = "831", string dateOfBirth = "2015-06-01")
    {
        var response = await PlacementsWriter(authority).Post($"/api/children/{childId}/entered-care", Requests.EnteredCare(date: date, dateOfBirth: dateOfBirth));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sql = $"select count(*) from eventstore.mt_events where tenant_id = '{authority}' and stream_id = 'health:{childId}' and type = 'health.care-period-noted.v1'";
        Assert.Equal(1, await Eventually.Within(TimeSpan.FromSeconds(30), () => ScalarAsync(sql), n => n >= 1));
    }

    public async Task<JsonNode> ChildHealthAsync(string childId, string query = "", string authority = "831")
    {
        var response = await HealthReader(authority).GetAsync($"/api/children/{childId}/health{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Body();
    }

    public async Task<JsonNode> WorkListAsync(string url, string authority = "831")
    {
        var store = Health.Services.GetRequiredService<DocumentStore>();
        var projection = Health.Services.GetRequiredService<HealthChildrenProjection>();
        using var background = WorkerConnections.Grant("test: waiting for the projection"); // the lag spans authorities
        Assert.Equal(0, await Eventually.Within(TimeSpan.FromSeconds(20), () => Checkpoints.LagAsync(store, projection.Name, projection.EventTypes), n => n == 0));
        var response = await HealthReader(authority).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Body();
    }
}
