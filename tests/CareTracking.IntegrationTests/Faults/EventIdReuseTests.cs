using System.Net;
using System.Text;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>
/// An eventId names one post (issue 13). Sent again with the same request it is a replay: the first answer again,
/// marked as a replay, nothing written. Sent with a different body it is a 409 naming when the first post was
/// recorded, nothing written; Placements used to answer 201 "appended" and silently drop the second change.
/// </summary>
public sealed class EventIdReuseTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;

    private Task<long> EventsOf(string streamId) =>
        stack.Stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '831' and stream_id = '{streamId}'");

    private static Task<HttpResponseMessage> PostRaw(HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task placements_refuses_an_event_id_reused_with_a_different_body_and_answers_a_true_retry_as_a_replay()
    {
        await stack.InCareAsync("831", "reuse-pl-1");
        var placements = stack.Placements.ClientFor("831", Scopes.PlacementsWrite);
        var eventId = Guid.NewGuid();
        var first = await PostRaw(placements, "/api/children/reuse-pl-1/legal-status-changes",
            $$"""{"eventId":"{{eventId}}","date":"2025-05-01","legalStatus":"C1"}""");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False((bool)(await first.Body())["replay"]!);

        var changed = await PostRaw(placements, "/api/children/reuse-pl-1/legal-status-changes",
            $$"""{"eventId":"{{eventId}}","date":"2025-05-01","legalStatus":"J1"}""");

        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        var problem = await changed.Body();
        Assert.EndsWith("event-id.reused", (string?)problem["type"]);
        Assert.Equal("eventId", (string?)problem["field"]);
        Assert.True(DateTimeOffset.TryParse((string?)problem["firstPostedAt"], out var firstAt), problem.ToJsonString());
        Assert.InRange(firstAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(2, await EventsOf("reuse-pl-1"));

        // The same post, re-serialised by the client: fields in another order, other spacing.
        var replay = await PostRaw(placements, "/api/children/reuse-pl-1/legal-status-changes",
            $$"""{ "legalStatus": "C1", "date": "2025-05-01", "eventId": "{{eventId}}" }""");

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True((bool)(await replay.Body())["replay"]!);
        Assert.Equal(first.Headers.ETag?.Tag, replay.Headers.ETag?.Tag);
        Assert.Equal(2, await EventsOf("reuse-pl-1"));
    }

    [Fact]
    public async Task the_same_event_id_posted_to_another_route_of_the_same_child_is_a_reuse_not_a_replay()
    {
        await stack.InCareAsync("831", "reuse-pl-2");
        var placements = stack.Placements.ClientFor("831", Scopes.PlacementsWrite);
        var eventId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await placements.Post("/api/children/reuse-pl-2/uasc-status", new { date = "2025-05-01", uasc = true, eventId })).StatusCode);

        var other = await placements.Post("/api/children/reuse-pl-2/legal-status-changes", new { date = "2025-05-01", legalStatus = "C1", eventId });

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(2, await EventsOf("reuse-pl-2"));
    }

    [Fact]
    public async Task missing_episodes_refuses_an_event_id_reused_with_a_different_body()
    {
        await stack.InCareAsync("831", "reuse-mi-1");
        var missing = stack.MissingClient("831");
        var lastSeen = new DateTimeOffset(DateTime.UtcNow.AddHours(-3).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var reported = await missing.Post("/api/missing-episodes", MissingRequests.Report("reuse-mi-1", lastSeen));
        var episodeId = (string)(await reported.Body())["episodeId"]!;
        var eventId = Guid.NewGuid();
        var first = await missing.Post($"/api/missing-episodes/{episodeId}/risk-level", new { at = lastSeen.AddHours(1), riskLevel = "high", reason = "Reassessed", eventId });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var changed = await missing.Post($"/api/missing-episodes/{episodeId}/risk-level", new { at = lastSeen.AddHours(1), riskLevel = "low", reason = "Reassessed", eventId });
        var replay = await missing.Post($"/api/missing-episodes/{episodeId}/risk-level", new { at = lastSeen.AddHours(1), riskLevel = "high", reason = "Reassessed", eventId });

        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.EndsWith("event-id.reused", (string?)(await changed.Body())["type"]);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True((bool)(await replay.Body())["replay"]!);
        Assert.Equal(2, await EventsOf($"episode:{episodeId}"));
    }

    [Fact]
    public void the_fingerprint_ignores_property_order_and_nulls_but_not_values_or_routes()
    {
        var a = ServiceDefaults.Http.RequestFingerprint.Of("POST", "/x", """{"a":1,"b":{"c":null,"d":"e"}}""");
        Assert.Equal(a, ServiceDefaults.Http.RequestFingerprint.Of("post", "/x", """{ "b": {"d":"e"}, "a": 1 }"""));
        Assert.NotEqual(a, ServiceDefaults.Http.RequestFingerprint.Of("POST", "/x", """{"a":2,"b":{"d":"e"}}"""));
        Assert.NotEqual(a, ServiceDefaults.Http.RequestFingerprint.Of("POST", "/y", """{"a":1,"b":{"d":"e"}}"""));
    }
}
