using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// Event ids are unique only within an authority (a client picks them), so two authorities may send the same one.
/// Ids derived from an event id (outbox messages, police alerts, integration messages) must still differ, or the
/// second authority's message is lost while its post answers 201 (issue 10, item 1).
/// </summary>
public sealed class MessageIdCollisionTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    [Fact]
    public async Task a_high_risk_report_reusing_another_authoritys_event_id_is_still_alerted_to_the_police()
    {
        await using var derbyshire = await PoliceQueue.BindAsync(stack.Stack.Broker, "derbyshire");
        await stack.InCareAsync("831", "collide-city");
        await stack.InCareAsync("830", "collide-county");
        var sharedEventId = Guid.NewGuid();

        var city = await stack.MissingClient("831").Post("/api/missing-episodes",
            MissingRequests.Report("collide-city", HoursAgo(2), riskLevel: "high", eventId: sharedEventId));
        var county = await stack.MissingClient("830").Post("/api/missing-episodes",
            MissingRequests.Report("collide-county", HoursAgo(2), riskLevel: "high", eventId: sharedEventId));
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (city.StatusCode, county.StatusCode));

        Assert.Equal(1, await stack.AlertsInOutboxAsync("collide-county"));
        var alerts = await derbyshire.WaitForAsync(r => r.Any(a => a.IsAbout("collide-county")));
        Assert.Equal(["collide-city", "collide-county"], new[] { "collide-city", "collide-county" }.Where(c => alerts.Any(a => a.IsAbout(c))));
        Assert.Equal(2, alerts.Count);
        Assert.NotEqual(alerts[0].AlertId, alerts[1].AlertId);
    }

    [Fact]
    public async Task a_care_period_reusing_another_authoritys_event_id_still_reaches_missing_episodes()
    {
        var sharedEventId = Guid.NewGuid();
        foreach (var (authority, child) in new[] { ("831", "enter-city"), ("830", "enter-county") })
        {
            var entered = await stack.Placements.ClientFor(authority, Scopes.PlacementsWrite)
                .Post($"/api/children/{child}/entered-care", Requests.EnteredCare(eventId: sharedEventId));
            Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        }

        Assert.Equal(2, await stack.Stack.ScalarAsync(
            "select count(distinct message_id) from eventstore.ct_outbox where message_type like '%CarePeriodStarted%' and body->>'childId' in ('enter-city', 'enter-county')"));
        var noted = await Eventually.Within(TimeSpan.FromSeconds(20),
            () => stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events where tenant_id = '830' and stream_id = 'missing:enter-county' and type = 'missing.care-period-noted.v1'"),
            n => n > 0);
        Assert.Equal(1, noted);
    }
}
