using Npgsql;

namespace CareTracking.IntegrationTests.Harness;

/// <summary>
/// Waiting for a stack to go quiet after posts: care-period messages are relayed and consumed asynchronously, so the
/// event count settles a moment after the last post. A wait that runs out fails, saying what it saw: it used to
/// return the unsettled count silently, to compare as a wrong figure far from the cause.
/// </summary>
public static class SettledEvents
{
    /// <summary>The number of stored events once it is the same twice, 3 s apart, with no outbox message left
    /// unsent (parked ones aside); a <see cref="TimeoutException"/> with the counts seen if that has not happened within
    /// <paramref name="timeout"/>.</summary>
    public static async Task<long> CountAsync(ServiceStack stack, TimeSpan timeout)
    {
        var previous = -1L;
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var count = await stack.ScalarAsync("select count(*) from eventstore.mt_events");
            // Parked messages are not waited for: they stay until an operator replays them (the demo stack binds no
            // police queue, so its alerts park), and they are named in the failure below.
            var unsent = await stack.ScalarAsync("select count(*) from eventstore.ct_outbox where dispatched_at is null and parked_at is null");
            if (count == previous && unsent == 0) return count;
            seen.Add($"{count} events, {unsent} unsent");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The event count did not settle within {timeout.TotalSeconds:0} s; seen 3 s apart: "
                    + $"{string.Join("; ", seen.TakeLast(10))}. Unsent by sender: {await UnsentBySenderAsync(stack)}. "
                    + $"Oldest open transaction on the server: {await OldestOpenTransactionAsync(stack)}");
            previous = count;
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
    }

    /// <summary>The unsent outbox rows by sending service, transport and type, and whether parked (never a body).</summary>
    private static async Task<string> UnsentBySenderAsync(ServiceStack stack)
    {
        await using var conn = new NpgsqlConnection(stack.Database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            select coalesce(string_agg(format('%s %s %s%s: %s', source, transport, message_type, case when parked then ' (parked)' else '' end, n), ', ' order by source, transport, message_type), 'none')
            from (select source, transport, message_type, parked_at is not null as parked, count(*) as n from eventstore.ct_outbox
                  where dispatched_at is null group by 1, 2, 3, 4) t
            """, conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>What holds the feed's fence back, when projections do not catch up: the oldest transaction
    /// with a transaction id anywhere on the server (its database, age and state; never its query text).</summary>
    public static async Task<string> OldestOpenTransactionAsync(ServiceStack stack)
    {
        await using var conn = new NpgsqlConnection(stack.Database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            select coalesce((select format('%s in %s, %s s old, %s', backend_xid, datname, round(extract(epoch from now() - xact_start)), state)
                             from pg_stat_activity where backend_xid is not null order by age(backend_xid) desc limit 1), 'none')
            """, conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
