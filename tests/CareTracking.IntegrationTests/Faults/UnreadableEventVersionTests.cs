using System.Net;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>
/// Issue 16, item 9: a newer Placements writes "placements.child-entered-care.v2" while Indicators still reads
/// v1. Indicators used to filter the feed by stored name and pass the v2 over without a word (that child never
/// counted). Now its projection stops at it, readiness is Unhealthy naming it, and a rebuild refuses (409)
/// rather than leave the child out. Its own stack: the unreadable event stops this database's projection.
/// </summary>
public sealed class UnreadableEventVersionTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private readonly ServiceHost<IndicatorsHost> indicators = stack.Start<IndicatorsHost>();

    [Fact]
    public async Task a_newer_version_of_an_event_indicators_consumes_makes_readiness_unhealthy_naming_it_and_a_rebuild_refuses()
    {
        var client = indicators.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await Eventually.Within(TimeSpan.FromSeconds(30), () => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK)).StatusCode);

        await stack.ExecuteAsync(
            """
            insert into eventstore.mt_streams (tenant_id, id, type, version) values ('831', 'V2CHILD', 'child', 1);
            insert into eventstore.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, headers)
            values (nextval('eventstore.mt_events_sequence'), gen_random_uuid(), 'V2CHILD', 1,
                    '{"date":"2025-01-01","legalStatus":"C2","placement":{"type":"U4"},"newField":1}', 'placements.child-entered-care.v2', '831', now(),
                    '{"effectiveDate":"2025-01-01"}');
            """);

        var ready = await Eventually.Within(TimeSpan.FromSeconds(30), () => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        var body = await ready.Body();
        Assert.Equal("Unhealthy", (string?)body["checks"]!["projections"]!["status"]);
        var description = (string?)body["checks"]!["projections"]!["description"];
        Assert.Contains("indicators-child-events", description);
        Assert.Contains("placements.child-entered-care.v2", description);
        // Nothing after it was passed over either: the event is not in the read model.
        Assert.Equal(0, await stack.ScalarAsync("select count(*) from eventstore.ind_events where child_id = 'V2CHILD'"));

        // The rebuild reads only up to the feed's fence: while another test class holds an older transaction open for
        // longer than the rebuild waits, it answers 202, the v2 event among those held back. It used to answer 200 there
        // (seen once in a fresh-clone run): a 200 claims the read model has every event, so it fails the test at once.
        // Once the fence passes the event, every rebuild stops there with 409.
        var operatorClient = indicators.ClientFor("831", Scopes.Operator);
        var rebuild = await Eventually.Within(TimeSpan.FromSeconds(90), () => operatorClient.PostAsync("/api/indicators/admin/rebuild", null),
            r => r.StatusCode != HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.Conflict, rebuild.StatusCode);
        Assert.Equal("placements.child-entered-care.v2", (string?)(await rebuild.Body())["storedName"]);
    }
}
