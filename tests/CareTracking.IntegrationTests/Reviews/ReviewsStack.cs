using System.Net;
using System.Text.Json.Nodes;
using CareTracking.EventStore;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Reviews;
using CareTracking.Reviews.WorkLists;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.Extensions.DependencyInjection;
using PlacementsService = CareTracking.Placements.PlacementsHost;

namespace CareTracking.IntegrationTests.Reviews;

/// <summary>Placements and Reviews on the class's own database and vhost, started once per class; Reviews'
/// queue is bound before any test posts (ServiceHost waits for it).</summary>
public class ReviewsStack : ServiceStack, IAsyncLifetime
{
    public ServiceHost<PlacementsService> Placements { get; private set; } = null!;
    public ServiceHost<ReviewsHost> Reviews { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Placements = Start<PlacementsService>();
        Reviews = Start<ReviewsHost>();
    }

    public HttpClient PlacementsWriter(string authority = "831") => Placements.ClientFor(authority, Scopes.PlacementsWrite);
    public HttpClient ReviewsWriter(string authority = "831") => Reviews.ClientFor(authority, Scopes.ReviewsWrite);
    public HttpClient ReviewsReader(string authority = "831") => Reviews.ClientFor(authority, Scopes.ReviewsRead);

    /// <summary>Posts entered-care to Placements and waits until the Reviews stream has noted the period.</summary>
    public async Task EnterCareAsync(string childId, string date, string authority = "831", string dateOfBirth = "2015-06-01", string legalStatus = "C2")
    {
        var response = await PlacementsWriter(authority).Post($"/api/children/{childId}/entered-care",
            Requests.EnteredCare(date: date, dateOfBirth: dateOfBirth, legalStatus: legalStatus));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await WaitForNotedAsync(authority, childId, "reviews.care-period-noted.v1", 1);
    }

    /// <summary>Waits until the child's Reviews stream holds <paramref name="count"/> events of a type.</summary>
    public async Task WaitForNotedAsync(string authority, string childId, string eventType, long count)
    {
        var sql = $"select count(*) from eventstore.mt_events where tenant_id = '{authority}' and stream_id = 'reviews:{childId}' and type = '{eventType}'";
        var noted = await Eventually.Within(TimeSpan.FromSeconds(30), () => ScalarAsync(sql), n => n >= count);
        Assert.Equal(count, noted);
    }

    public async Task<JsonNode> ChildReviewsAsync(string childId, string authority = "831")
    {
        var response = await ReviewsReader(authority).GetAsync($"/api/children/{childId}/reviews");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Body();
    }

    /// <summary>Waits until the work lists' read model has applied every Reviews event, then reads the list.</summary>
    public async Task<JsonNode> WorkListAsync(string url, string authority = "831")
    {
        var store = Reviews.Services.GetRequiredService<DocumentStore>();
        var projection = Reviews.Services.GetRequiredService<ReviewChildrenProjection>();
        using var background = WorkerConnections.Grant("test: waiting for the projection"); // the lag spans authorities
        var lag = await Eventually.Within(TimeSpan.FromSeconds(20), () => Checkpoints.LagAsync(store, projection.Name, projection.EventTypes), n => n == 0);
        Assert.Equal(0, lag);
        var response = await ReviewsReader(authority).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Body();
    }
}

public static class ReviewRequests
{
    public static object Review(string date, string participation = "PN1", Guid? eventId = null) => new { date, participation, eventId };

    public static object Iro(string date, string iroId, string team, Guid? eventId = null) => new { date, iroId, team, eventId };
}
