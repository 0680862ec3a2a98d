using System.Net;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>
/// The Indicators rebuild says what it did. It used to answer 200 with the events its own batches applied: 0 when the
/// background runner had taken the batches after the reset, and a plain 200 when it had stopped at the feed's fence (a
/// transaction still running anywhere on the server) before the newest committed events. Now it answers the events the
/// rebuilt read model holds, and 202 with <c>heldBack</c> when committed events still wait behind the fence. Its own
/// stack: the test holds a transaction open, which holds back the fence of every database on the server for its seconds.
/// </summary>
public sealed class RebuildAnswerTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private readonly ServiceHost<IndicatorsHost> indicators = stack.Start<IndicatorsHost>();

    private Task InsertEnteredCareAsync(string prefix, int count) => stack.ExecuteAsync(string.Concat(Enumerable.Range(0, count).Select(i =>
        $$$"""
        insert into eventstore.mt_streams (tenant_id, id, type, version) values ('831', '{{{prefix}}}{{{i}}}', 'child', 1);
        insert into eventstore.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, headers)
        values (nextval('eventstore.mt_events_sequence'), gen_random_uuid(), '{{{prefix}}}{{{i}}}', 1,
                '{"date":"2025-01-01","legalStatus":"C2","categoryOfNeed":"N1","placement":{"type":"U4"},"child":{"dateOfBirth":"2015-06-01","uasc":false}}', 'placements.child-entered-care.v1', '831', now(),
                '{"effectiveDate":"2025-01-01"}');
        """)));

    [Fact]
    public async Task a_rebuild_held_at_the_fence_answers_202_with_what_waits_and_once_the_fence_passes_200_with_every_event_whoever_applied_them()
    {
        const int Before = 6, Behind = 4;
        var ready = indicators.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await Eventually.Within(TimeSpan.FromSeconds(30), () => ready.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK)).StatusCode);
        var client = indicators.ClientFor("831", Scopes.Operator);
        // The transaction this test holds open holds back every database's feed on the server: as briefly as it can.
        indicators.Services.GetRequiredService<ProjectionRebuild>().FenceWait = TimeSpan.FromSeconds(2);
        await InsertEnteredCareAsync("FENCE-A", Before);
        Assert.Equal(Before, await Eventually.Within(TimeSpan.FromSeconds(30),
            () => stack.ScalarAsync("select count(*) from eventstore.ind_events"), n => n == Before));

        // A transaction that has taken a transaction id and stays open: events committed after it began are behind
        // the feed's fence until it ends.
        await using var holder = new NpgsqlConnection(stack.Database);
        await holder.OpenAsync();
        await using var held = await holder.BeginTransactionAsync();
        await using (var xid = new NpgsqlCommand("select pg_current_xact_id()", holder, held)) await xid.ExecuteScalarAsync();
        await InsertEnteredCareAsync("FENCE-B", Behind);

        var heldBack = await client.PostAsync("/api/indicators/admin/rebuild", null);
        var answer = await heldBack.Body();
        Assert.Equal(HttpStatusCode.Accepted, heldBack.StatusCode);
        Assert.False((bool)answer["reachedHead"]!);
        // At least the events behind the held transaction; more if another class's transaction held the fence earlier.
        Assert.InRange((long)answer["heldBack"]!, Behind, Before + Behind);
        Assert.Equal(Before + Behind, (long)answer["events"]! + (long)answer["heldBack"]!);
        Assert.Equal((long)answer["events"]!, await stack.ScalarAsync("select count(*) from eventstore.ind_events where child_id like 'FENCE-%'"));

        // A second rebuild, and the transaction ends while it waits at the fence: the rebuild and the background runner
        // race for the batches, and the answer counts every event in the read model whoever applied it.
        var rebuild = Task.Run(() => client.PostAsync("/api/indicators/admin/rebuild", null));
        await Task.Delay(1_000);
        await held.RollbackAsync();
        var settled = await rebuild;
        // Another class's transaction may still hold the fence: a 202 then is honest, and the next rebuild gets there.
        if (settled.StatusCode == HttpStatusCode.Accepted)
            settled = await Eventually.Within(TimeSpan.FromSeconds(90), () => client.PostAsync("/api/indicators/admin/rebuild", null),
                r => r.StatusCode != HttpStatusCode.Accepted);
        var done = await settled.Body();
        Assert.Equal(HttpStatusCode.OK, settled.StatusCode);
        Assert.True((bool)done["reachedHead"]!);
        Assert.Equal(0, (long)done["heldBack"]!);
        Assert.Equal(Before + Behind, (long)done["events"]!);
        Assert.Equal(Before + Behind, await stack.ScalarAsync("select count(*) from eventstore.ind_events"));
    }
}
