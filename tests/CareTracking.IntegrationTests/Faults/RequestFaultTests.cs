using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>Requests and alerts that used to answer 500 or vanish.</summary>
public sealed class RequestFaultTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    [Fact]
    public async Task an_event_id_already_used_for_another_child_is_a_409_problem_and_stores_nothing()
    {
        var placements = stack.Placements.ClientFor("855", Scopes.PlacementsWrite);
        var eventId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await placements.Post("/api/children/reused-1/entered-care", Requests.EnteredCare(eventId: eventId))).StatusCode);

        var second = await placements.Post("/api/children/reused-2/entered-care", Requests.EnteredCare(eventId: eventId));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Body();
        Assert.Equal("eventId", (string?)problem["field"]);
        Assert.EndsWith("event-id.reused", (string?)problem["type"]);
        Assert.Equal(0, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'reused-2'"));
    }

    [Fact]
    public async Task a_nul_character_in_free_text_is_a_400_naming_the_field()
    {
        await stack.InCareAsync("831", "nul-1");
        var missing = stack.MissingClient("831");
        var reported = await missing.Post("/api/missing-episodes", MissingRequests.Report("nul-1", HoursAgo(3)));
        var episodeId = (string)(await reported.Body())["episodeId"]!;

        var response = await missing.Post($"/api/missing-episodes/{episodeId}/risk-level", new { at = HoursAgo(1), riskLevel = "high", reason = "seen with\u0000adults" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("reason", (string?)(await response.Body())["field"]);
    }

    [Fact]
    public async Task an_alert_for_a_force_with_no_queue_bound_is_parked_not_dropped_and_a_replay_delivers_it_once_the_force_binds()
    {
        // Nobody is bound for derbyshire on this class's vhost yet.
        await stack.InCareAsync("831", "unbound-1");
        Assert.Equal(HttpStatusCode.Created, (await stack.MissingClient("831").Post("/api/missing-episodes", MissingRequests.Report("unbound-1", HoursAgo(2)))).StatusCode);

        var parked = await Eventually.Within(TimeSpan.FromSeconds(30), () => stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.ct_outbox where {PoliceRefs.SqlAbout("unbound-1")} and parked_at is not null and dispatched_at is null and last_error like 'unroutable%'"), n => n == 1);
        Assert.Equal(1, parked);
        var admin = stack.Missing.ClientFor("831", Scopes.Admin);
        var ready = await (await admin.GetAsync("/health/ready")).Body();
        Assert.Equal("Degraded", (string?)ready["checks"]!["outbox"]!["status"]);
        Assert.True((long)ready["checks"]!["outbox"]!["data"]!["parked"]! >= 1);
        var listed = (await (await admin.GetAsync("/api/outbox/parked")).Body()).AsArray();
        Assert.Contains(listed, m => (string?)m!["routingKey"] == "derbyshire" && ((string?)m["error"])!.StartsWith("unroutable"));
        Assert.DoesNotContain("unbound-1", listed.ToJsonString()); // no child data in the listing

        // Another authority's operator cannot replay it; this authority's can, once the force has bound its queue.
        Assert.Equal(0, (long)(await (await stack.Missing.ClientFor("855", Scopes.Admin).Post("/api/outbox/parked/replay", new { })).Body())["replayed"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await stack.MissingClient("831").Post("/api/outbox/parked/replay", new { })).StatusCode);
        await using var derbyshire = await PoliceQueue.BindAsync(stack.Stack.Broker, "derbyshire");
        Assert.True((long)(await (await admin.Post("/api/outbox/parked/replay", new { })).Body())["replayed"]! >= 1);

        var received = await derbyshire.WaitForAsync(r => r.Any(a => a.IsAbout("unbound-1")), TimeSpan.FromSeconds(30));
        Assert.Contains(received, a => a.IsAbout("unbound-1") && a.Kind == "reported");
        Assert.Equal(0, await Eventually.Within(TimeSpan.FromSeconds(10), () => stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.ct_outbox where {PoliceRefs.SqlAbout("unbound-1")} and dispatched_at is null"), n => n == 0));
    }
}
