using System.Net;
using System.Text.Json;
using CareTracking.IntegrationTests.Harness;
using Json.Schema;

namespace CareTracking.IntegrationTests.Missing;

/// <summary>
/// Real alerts, read off the broker as a force's consumer reads them, are valid against the published message schema
/// (contracts/police-missing-alert.schema.json, checked by JsonSchema.Net): one of each kind the feed sends
/// (reported, repeat-threshold, risk-changed, returned).
/// </summary>
public sealed class PoliceAlertSchemaTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;

    private static readonly JsonSchema Schema = JsonSchema.FromText(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "police-missing-alert.schema.json")),
        new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    [Fact]
    public async Task every_kind_of_alert_off_the_broker_is_valid_against_the_message_schema()
    {
        await using var derbyshire = await PoliceQueue.BindAsync(stack.Stack.Broker, "derbyshire");
        const string child = "SCHEMA-0001";
        await stack.InCareAsync("831", child, postcode: "DE22 3NE");
        var missing = stack.MissingClient("831");

        // Two episodes and back, then a third in 30 days (the repeat threshold), at risk of criminal exploitation
        // (high from the report), lowered by an inspector's review, and back.
        for (var i = 0; i < 2; i++)
        {
            var earlier = await missing.Post("/api/missing-episodes", MissingRequests.Report(child, HoursAgo(100 - i * 30)));
            Assert.Equal(HttpStatusCode.Created, earlier.StatusCode);
            var earlierId = (string)(await earlier.Body())["episodeId"]!;
            Assert.Equal(HttpStatusCode.Created, (await missing.Post($"/api/missing-episodes/{earlierId}/return", MissingRequests.Return(HoursAgo(99 - i * 30)))).StatusCode);
        }
        var third = await missing.Post("/api/missing-episodes", MissingRequests.Report(child, HoursAgo(6), criminal: true, riskLevel: "high"));
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        var episodeId = (string)(await third.Body())["episodeId"]!;
        var lowered = await missing.Post($"/api/missing-episodes/{episodeId}/risk-level",
            new { at = HoursAgo(4), riskLevel = "medium", reason = "Located at a known safe address", reviewedBy = "Insp. 4410" });
        Assert.Equal(HttpStatusCode.Created, lowered.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await missing.Post($"/api/missing-episodes/{episodeId}/return", MissingRequests.Return(HoursAgo(2)))).StatusCode);

        var alerts = await derbyshire.WaitForAsync(r => r.Count >= 8, TimeSpan.FromSeconds(30));
        Assert.Equal(["reported", "returned", "reported", "returned", "reported", "repeat-threshold", "risk-changed", "returned"],
            alerts.Select(a => a.Kind));
        foreach (var alert in alerts)
        {
            Assert.Equal("application/json", alert.ContentType);
            using var body = JsonDocument.Parse(alert.Body.ToJsonString());
            var result = Schema.Evaluate(body.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{alert.Kind}: {alert.Body.ToJsonString()} breaks the schema: "
                + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }

        // The validator is not vacuous: the same alert with a name added is refused.
        var named = alerts[0].Body.DeepClone().AsObject();
        named["name"] = "A child's name";
        using var bad = JsonDocument.Parse(named.ToJsonString());
        Assert.False(Schema.Evaluate(bad.RootElement).IsValid);
    }
}
