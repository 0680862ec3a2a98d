using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// A police force learns a pseudonym for a child, never the case system's id (issue 10, item 11): the alert it
/// receives over RabbitMQ, and the outbox row it was sent from, hold no child id; the reference is the force's
/// own (stable for that force, another force's is unrelated). Before, <c>childRef</c> was the child id itself.
/// </summary>
public sealed class PoliceChildRefTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    [Fact]
    public async Task the_alert_a_force_receives_carries_its_pseudonym_for_the_child_and_no_case_system_id()
    {
        await using var derbyshire = await PoliceQueue.BindAsync(stack.Stack.Broker, "derbyshire");
        const string child = "CASE-7781234";
        await stack.InCareAsync("831", child, postcode: "DE22 3NE");
        var missing = stack.MissingClient("831");

        var first = await missing.Post("/api/missing-episodes", MissingRequests.Report(child, HoursAgo(30)));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var episodeId = (string)(await first.Body())["episodeId"]!;
        Assert.Equal(HttpStatusCode.Created, (await missing.Post($"/api/missing-episodes/{episodeId}/return", MissingRequests.Return(HoursAgo(29)))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await missing.Post("/api/missing-episodes", MissingRequests.Report(child, HoursAgo(2)))).StatusCode);

        var alerts = await derbyshire.WaitForAsync(r => r.Count >= 3);
        Assert.Equal(3, alerts.Count);
        var expected = PoliceRefs.For("derbyshire", "831", child);
        Assert.All(alerts, a => Assert.Equal(expected, a.ChildRef)); // one child, one reference for this force, across episodes
        Assert.All(alerts, a => Assert.DoesNotContain("7781234", a.Body.ToJsonString()));
        Assert.NotEqual(expected, PoliceRefs.For("leicestershire", "831", child));
        Assert.Equal(0, await stack.Stack.ScalarAsync("select count(*) from eventstore.ct_outbox where transport = 'amqp' and body::text like '%7781234%'"));
        Assert.Equal(3, await stack.Stack.ScalarAsync($"select count(*) from eventstore.ct_outbox where transport = 'amqp' and body->>'childRef' = '{expected}'"));
    }
}
