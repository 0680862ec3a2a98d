using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using Xunit.Abstractions;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>A stack whose vhost has no queue for the care messages until a consumer's service starts: a broker
/// Placements reaches first, as at a first deployment.</summary>
public sealed class NoConsumerYetStack : ServiceStack
{
    protected override bool StandInForAbsentConsumers => false;
}

/// <summary>Issue 16: the bus path must not lose a message no queue is bound for. The relay's publish is mandatory, so
/// the broker returns such a message instead of confirming and dropping it, and it stays in the outbox.</summary>
public sealed class UnboundBusMessageTests(NoConsumerYetStack stack, ITestOutputHelper output) : IClassFixture<NoConsumerYetStack>
{
    private const string Unsent = "select count(*) from eventstore.ct_outbox where transport = 'bus' and dispatched_at is null";

    [Fact]
    public async Task a_care_message_with_no_consumer_queue_yet_stays_in_the_outbox_and_reaches_the_consumer_once_it_starts()
    {
        var placements = stack.Start<ChildEvent>();
        Assert.Equal(HttpStatusCode.Created,
            (await placements.ClientFor("831", Scopes.PlacementsWrite).Post("/api/children/unbound-bus-1/entered-care", Requests.EnteredCare())).StatusCode);

        // Returned by the broker: not marked sent, tried again with the reason recorded.
        var returned = await Eventually.Within(TimeSpan.FromSeconds(30), () => stack.ScalarAsync(
            "select count(*) from eventstore.ct_outbox where transport = 'bus' and dispatched_at is null and attempts >= 1 and last_error like 'unroutable%'"), n => n >= 1);
        Assert.True(returned >= 1, "no care message came back unroutable; sent: "
            + await stack.ScalarAsync("select count(*) from eventstore.ct_outbox where transport = 'bus' and dispatched_at is not null"));
        Assert.Equal(0, await stack.ScalarAsync("select count(*) from eventstore.ct_outbox where transport = 'bus' and dispatched_at is not null"));

        // Missing episodes starts, binding its queue to the care messages' exchanges. The relay's next attempt
        // delivers them; if they were parked meanwhile (the relay's attempts ran out first), the operator's replay does.
        var started = System.Diagnostics.Stopwatch.StartNew();
        _ = stack.Start<EpisodeEvent>().Server;
        var left = await Eventually.Within(TimeSpan.FromSeconds(60), () => stack.ScalarAsync(Unsent + " and parked_at is null"), n => n == 0);
        Assert.Equal(0, left);
        var parked = await stack.ScalarAsync(Unsent + " and parked_at is not null");
        if (parked > 0)
        {
            var replay = await placements.ClientFor("831", Scopes.Admin).PostAsync("/api/outbox/parked/replay", null);
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        }
        Assert.Equal(0, await Eventually.Within(TimeSpan.FromSeconds(60), () => stack.ScalarAsync(Unsent), n => n == 0));
        var noted = await Eventually.Within(TimeSpan.FromSeconds(30),
            () => stack.ScalarAsync("select count(*) from eventstore.mt_events where type = 'missing.care-period-noted.v1'"), n => n >= 1);
        Assert.Equal(1, noted);
        output.WriteLine($"care messages returned while no queue was bound: {returned}; delivered {started.Elapsed.TotalSeconds:0.0} s after Missing episodes started, "
            + (parked > 0 ? $"{parked} after a replay (parked first)" : "by the relay's next attempt"));
    }
}
