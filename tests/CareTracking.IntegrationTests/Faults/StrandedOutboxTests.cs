using System.Net;
using System.Text.Json.Nodes;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>After a logical restore into a new cluster, outbox messages whose transaction ids are ahead of the server's
/// are never sent, and the relay does not fail: readiness must say so and name the repair (docs/reliability.md, item 6).</summary>
public sealed class StrandedOutboxTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    [Fact]
    public async Task outbox_messages_with_transaction_ids_ahead_of_the_servers_make_the_outbox_check_degraded_naming_after_restore_sql()
    {
        var placements = stack.Start<PlacementsHost>();
        var client = placements.ClientFor("831", Scopes.PlacementsWrite);
        Assert.Equal(HttpStatusCode.Created, (await client.Post("/api/children/stranded-1/entered-care", MissingRequests.EnteredCare("2025-04-10", "DE22 3NE"))).StatusCode);
        Assert.Equal(0, await Eventually.Within(TimeSpan.FromSeconds(30),
            () => stack.ScalarAsync("select count(*) from eventstore.ct_outbox where dispatched_at is null"), n => n == 0));

        // The message as a restored copy holds it: not yet sent, with the old cluster's (higher) transaction id.
        await stack.ExecuteAsync("update eventstore.ct_outbox set dispatched_at = null, tx_id = (pg_current_xact_id()::text::bigint + 1000000)::text::xid8");
        var outbox = (await ReadyAsync(client))["checks"]!["outbox"]!;

        Assert.Equal("Degraded", (string?)outbox["status"]);
        Assert.Equal(1, (long)outbox["data"]!["stranded"]!);
        Assert.Contains("after-restore.sql", (string?)outbox["description"]);

        // after-restore.sql renumbers the ids below the server's: the message goes and the check is healthy again.
        await stack.ExecuteAsync("update eventstore.ct_outbox set tx_id = pg_current_xact_id() where dispatched_at is null");
        var healthy = await Eventually.Within(TimeSpan.FromSeconds(30), async () => (string?)(await ReadyAsync(client))["checks"]!["outbox"]!["status"], s => s == "Healthy");
        Assert.Equal("Healthy", healthy);
    }

    private static async Task<JsonNode> ReadyAsync(HttpClient client) =>
        JsonNode.Parse(await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync())!;
}
