using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.MissingEpisodes;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        // Placements at the deployed log level, every line kept.
        var log = new CapturedLogs();
        await using var placements = new ServiceHost<PlacementsHost>(stack).WithWebHostBuilder(b => b
            .UseSetting("Logging:LogLevel:Default", "Information")
            .UseSetting("Logging:LogLevel:MassTransit", "Information")
            .ConfigureServices(s => s.AddSingleton<ILoggerProvider>(log)));
        var writer = placements.CreateClient();
        writer.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("831", Scopes.PlacementsWrite));
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/unbound-bus-1/entered-care", Requests.EnteredCare())).StatusCode);

        // Returned by the broker: not marked sent, tried again with the reason recorded.
        var returned = await Eventually.Within(TimeSpan.FromSeconds(30), () => stack.ScalarAsync(
            "select count(*) from eventstore.ct_outbox where transport = 'bus' and dispatched_at is null and attempts >= 1 and last_error like 'unroutable%'"), n => n >= 1);
        Assert.True(returned >= 1, "no care message came back unroutable; sent: "
            + await stack.ScalarAsync("select count(*) from eventstore.ct_outbox where transport = 'bus' and dispatched_at is not null"));
        Assert.Equal(0, await stack.ScalarAsync("select count(*) from eventstore.ct_outbox where transport = 'bus' and dispatched_at is not null"));

        // Each return is logged once, by the relay, as a warning naming the message and why. MassTransit's send transport
        // logged it again as an "S-FAULT" error with a stack trace; that line is filtered out (JsonLogging). No line,
        // at any level, names the child.
        var messageIds = await MessageIdsAsync();
        var lines = (await Eventually.Within(TimeSpan.FromSeconds(10), () => Task.FromResult(log.Lines),
            l => l.Any(line => line.Message.Contains("could not be sent")))).ToList();
        var aboutIt = lines.Where(l => l.Level >= LogLevel.Warning && messageIds.Any(id => l.Text.Contains(id))).ToList();
        Assert.NotEmpty(aboutIt);
        Assert.All(aboutIt, l => Assert.True((l.Message.Contains("could not be sent") || l.Message.Contains("parked after")) && l.Message.Contains("unroutable") && l.Error is null,
            "a line other than the relay's one warning: " + l.Text));
        Assert.DoesNotContain(lines, l => l.Text.Contains("S-FAULT"));
        Assert.DoesNotContain(lines, l => l.Text.Contains("unbound-bus", StringComparison.OrdinalIgnoreCase));

        // Missing episodes starts, binding its queue to the care messages' exchanges. The relay's next attempt
        // delivers them; if they were parked meanwhile (the relay's attempts ran out first), the operator's replay does.
        var started = System.Diagnostics.Stopwatch.StartNew();
        _ = stack.Start<MissingEpisodesHost>().Server;
        var left = await Eventually.Within(TimeSpan.FromSeconds(60), () => stack.ScalarAsync(Unsent + " and parked_at is null"), n => n == 0);
        Assert.Equal(0, left);
        var parked = await stack.ScalarAsync(Unsent + " and parked_at is not null");
        if (parked > 0)
        {
            var admin = placements.CreateClient();
            admin.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("831", Scopes.Admin));
            var replay = await admin.PostAsync("/api/outbox/parked/replay", null);
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        }
        Assert.Equal(0, await Eventually.Within(TimeSpan.FromSeconds(60), () => stack.ScalarAsync(Unsent), n => n == 0));
        var noted = await Eventually.Within(TimeSpan.FromSeconds(30),
            () => stack.ScalarAsync("select count(*) from eventstore.mt_events where type = 'missing.care-period-noted.v1'"), n => n >= 1);
        Assert.Equal(1, noted);
        output.WriteLine($"care messages returned while no queue was bound: {returned}; delivered {started.Elapsed.TotalSeconds:0.0} s after Missing episodes started, "
            + (parked > 0 ? $"{parked} after a replay (parked first)" : "by the relay's next attempt")
            + $"; {aboutIt.Count} warning lines about it, all the relay's: {aboutIt[0].Text}");
        // The whole log afterwards too: the child is named nowhere.
        Assert.DoesNotContain(log.Lines, l => l.Text.Contains("unbound-bus", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<string[]> MessageIdsAsync()
    {
        await using var conn = new Npgsql.NpgsqlConnection(stack.Database);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("select message_id::text from eventstore.ct_outbox where transport = 'bus'", conn);
        var ids = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) ids.Add(r.GetString(0));
        return [.. ids];
    }
}
