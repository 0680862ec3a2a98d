namespace CareTracking.IntegrationTests.Harness;

/// <summary>The wait for a quiet stack fails loudly at its deadline (stop 21: it returned silently). On the class's
/// own database, with the two tables it reads made by hand: no service runs, so nothing empties the outbox.</summary>
public sealed class SettledEventsTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    [Fact]
    public async Task an_outbox_message_left_unsent_fails_the_wait_naming_what_it_saw_and_a_quiet_store_answers_its_count()
    {
        await stack.ExecuteAsync("""
            create schema if not exists eventstore;
            create table if not exists eventstore.mt_events (seq_id bigint);
            create table if not exists eventstore.ct_outbox (source text, transport text, message_type text, dispatched_at timestamptz, parked_at timestamptz);
            insert into eventstore.mt_events values (1), (2);
            insert into eventstore.ct_outbox values ('Placements', 'bus', 'care-period-started', null, null);
            -- A parked alert (no force's queue bound) waits for an operator, not for the relay: it must not hold the wait.
            insert into eventstore.ct_outbox values ('MissingEpisodes', 'amqp', 'police.missing-alert.v1', null, now());
            """);

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => SettledEvents.CountAsync(stack, TimeSpan.FromSeconds(2)));
        Assert.Contains("did not settle within 2 s", failure.Message);
        Assert.Contains("2 events, 1 unsent", failure.Message);
        Assert.Contains("Oldest open transaction", failure.Message);
        Assert.Contains("Placements bus care-period-started: 1", failure.Message);
        Assert.Contains("MissingEpisodes amqp police.missing-alert.v1 (parked): 1", failure.Message);

        await stack.ExecuteAsync("update eventstore.ct_outbox set dispatched_at = now()");
        Assert.Equal(2, await SettledEvents.CountAsync(stack, TimeSpan.FromSeconds(30)));
    }
}
