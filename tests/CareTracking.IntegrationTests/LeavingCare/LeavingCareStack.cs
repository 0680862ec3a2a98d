using System.Net;
using System.Text.Json.Nodes;
using CareTracking.EventStore;
using CareTracking.IntegrationTests.Harness;
using CareTracking.LeavingCare;
using CareTracking.LeavingCare.CareLeavers;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.Extensions.DependencyInjection;
using PlacementsService = CareTracking.Placements.PlacementsHost;

namespace CareTracking.IntegrationTests.LeavingCare;

/// <summary>Placements and Leaving care on the class's own database and vhost, started once per class.</summary>
public class LeavingCareStack : ServiceStack, IAsyncLifetime
{
    public ServiceHost<PlacementsService> Placements { get; private set; } = null!;
    public ServiceHost<LeavingCareHost> LeavingCare { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Placements = Start<PlacementsService>();
        LeavingCare = Start<LeavingCareHost>();
    }

    public HttpClient PlacementsWriter(string authority = "831") => Placements.ClientFor(authority, Scopes.PlacementsWrite);
    public HttpClient Writer(string authority = "831") => LeavingCare.ClientFor(authority, Scopes.LeavingCareWrite);
    public HttpClient Reader(string authority = "831") => LeavingCare.ClientFor(authority, Scopes.LeavingCareRead);

    public Task<long> EventsOf(string childId, string authority = "831", string type = "%") =>
        ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '{authority}' and stream_id = 'leavingcare:{childId}' and type like '{type}'");

    /// <summary>Enters the young person into care in Placements and waits for Leaving care to note the message.</summary>
    public async Task EnterCareAsync(string childId, string date, string dateOfBirth, string authority = "831")
    {
        var response = await PlacementsWriter(authority).Post($"/api/children/{childId}/entered-care", Requests.EnteredCare(date: date, dateOfBirth: dateOfBirth));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await NotedAsync(childId, "leavingcare.care-period-noted.v1", authority);
    }

    public async Task CeaseCareAsync(string childId, string date, string reason, string authority = "831")
    {
        var response = await PlacementsWriter(authority).Post($"/api/children/{childId}/ceased-care", new { date, reason });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await NotedAsync(childId, "leavingcare.care-period-end-noted.v1", authority);
    }

    private async Task NotedAsync(string childId, string type, string authority) =>
        Assert.Equal(1, await Eventually.Within(TimeSpan.FromSeconds(30), () => EventsOf(childId, authority, type), n => n >= 1));

    public async Task<JsonNode> CareLeaverAsync(string childId, string query = "", string authority = "831")
    {
        var response = await Reader(authority).GetAsync($"/api/care-leavers/{childId}{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Body();
    }

    /// <summary>The list once the read model has caught up with every event stored.</summary>
    public async Task<JsonNode> ListAsync(string asAt, string authority = "831")
    {
        var store = LeavingCare.Services.GetRequiredService<DocumentStore>();
        var projection = LeavingCare.Services.GetRequiredService<CareLeaversProjection>();
        using var background = WorkerConnections.Grant("test: waiting for the projection"); // the lag spans authorities
        Assert.Equal(0, await Eventually.Within(TimeSpan.FromSeconds(20), () => Checkpoints.LagAsync(store, projection.Name, projection.EventTypes), n => n == 0));
        var response = await Reader(authority).GetAsync($"/api/care-leavers?asAt={asAt}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Body();
    }
}
