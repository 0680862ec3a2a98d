using System.Net;
using System.Text.Json.Nodes;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Testing;

namespace CareTracking.IntegrationTests.Missing;

/// <summary>The police-liaison feed as a force's own AMQP client sees it.</summary>
public sealed class PoliceFeedTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static IReadOnlySet<string> ContractFields(string? under = null)
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(TestStack.RepositoryRoot(), "contracts", "police-missing-alert.schema.json")))!;
        var node = under is null ? schema : schema["properties"]![under]!;
        return node["required"]!.AsArray().Select(n => (string)n!).ToHashSet();
    }

    [Fact]
    public async Task a_queue_bound_to_derbyshire_receives_derby_alerts_and_none_of_leicestershires_and_the_body_has_exactly_the_contract_fields()
    {
        await using var derbyshire = await PoliceQueue.BindAsync(stack.Stack.Broker, "derbyshire");
        await using var leicestershire = await PoliceQueue.BindAsync(stack.Stack.Broker, "leicestershire");
        await stack.InCareAsync("831", "derby-1", postcode: "DE22 3NE");
        await stack.InCareAsync("855", "leics-1", postcode: "LE1 5WW");

        Assert.Equal(HttpStatusCode.Created, (await stack.MissingClient("831").Post("/api/missing-episodes",
            MissingRequests.Report("derby-1", HoursAgo(2), sexual: true))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await stack.MissingClient("855").Post("/api/missing-episodes",
            MissingRequests.Report("leics-1", HoursAgo(2)))).StatusCode);

        var derbyAlerts = await derbyshire.WaitForAsync(r => r.Count >= 1);
        var leicsAlerts = await leicestershire.WaitForAsync(r => r.Count >= 1);
        var derby = Assert.Single(derbyAlerts);
        var leics = Assert.Single(leicsAlerts);
        Assert.Equal(("831", PoliceRefs.For("derbyshire", "831", "derby-1"), "derbyshire"), ((string)derby.Body["authority"]!, derby.ChildRef, derby.RoutingKey));
        Assert.Equal(("855", PoliceRefs.For("leicestershire", "855", "leics-1"), "leicestershire"), ((string)leics.Body["authority"]!, leics.ChildRef, leics.RoutingKey));

        Assert.Equal(ContractFields().Order(), derby.Body.Select(p => p.Key).Order());
        Assert.Equal(ContractFields("exploitationRisk").Order(), derby.Body["exploitationRisk"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(derby.AlertId.ToString(), derby.MessageId);
        Assert.Equal("application/json", derby.ContentType);
        // Sexual exploitation risk without a reason for a lower level is high; born 15 June 2010.
        Assert.Equal(("high", "F", "DE", true), ((string)derby.Body["riskLevel"]!, (string)derby.Body["sex"]!, (string)derby.Body["placementArea"]!, (bool)derby.Body["exploitationRisk"]!["sexual"]!));
        var lastSeenInEngland = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.Parse((string)derby.Body["lastSeenAt"]!), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        Assert.Equal(lastSeenInEngland.Year - 2010 - (lastSeenInEngland < new DateOnly(lastSeenInEngland.Year, 6, 15) ? 1 : 0), (int)derby.Body["ageYears"]!);

        // Nothing more arrives for either force (no cross-delivery, no duplicates).
        await Task.Delay(500);
        Assert.Single(derbyshire.Received);
        Assert.Single(leicestershire.Received);
    }

    [Fact]
    public async Task risk_changes_and_returns_are_alerted_to_the_force_with_the_episode_id()
    {
        await using var derbyshire = await PoliceQueue.BindAsync(stack.Stack.Broker, "derbyshire");
        await stack.InCareAsync("831", "alerts-1");
        var missing = stack.MissingClient("831");
        var episodeId = (string)(await (await missing.Post("/api/missing-episodes", MissingRequests.Report("alerts-1", HoursAgo(6)))).Body())["episodeId"]!;
        await missing.Post($"/api/missing-episodes/{episodeId}/risk-level", new { at = HoursAgo(4), riskLevel = "high", reason = "Reassessed" });
        var returnedAt = HoursAgo(1);
        await missing.Post($"/api/missing-episodes/{episodeId}/return", MissingRequests.Return(returnedAt));

        var alerts = (await derbyshire.WaitForAsync(r => r.Count(a => a.IsAbout("alerts-1")) >= 3)).Where(a => a.IsAbout("alerts-1")).ToList();

        Assert.Equal(["reported", "risk-changed", "returned"], alerts.Select(a => a.Kind));
        Assert.All(alerts, a => Assert.Equal(episodeId, (string)a.Body["episodeId"]!));
        Assert.Equal(["medium", "high", "high"], alerts.Select(a => (string)a.Body["riskLevel"]!));
        Assert.Equal(returnedAt, DateTimeOffset.Parse((string)alerts[2].Body["returnedAt"]!));
        Assert.Equal(3, alerts.Select(a => a.AlertId).Distinct().Count());
    }

    [Fact]
    public async Task the_third_incident_within_30_days_sends_a_repeat_threshold_alert_once()
    {
        await using var derbyshire = await PoliceQueue.BindAsync(stack.Stack.Broker, "derbyshire");
        await stack.InCareAsync("831", "repeat-1");
        var missing = stack.MissingClient("831");
        foreach (var daysAgo in new[] { 20, 10, 2 })
        {
            var lastSeen = HoursAgo(daysAgo * 24);
            var reported = await missing.Post("/api/missing-episodes", MissingRequests.Report("repeat-1", lastSeen));
            Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
            var episodeId = (string)(await reported.Body())["episodeId"]!;
            Assert.Equal(HttpStatusCode.Created, (await missing.Post($"/api/missing-episodes/{episodeId}/return", MissingRequests.Return(lastSeen.AddHours(6)))).StatusCode);
        }

        var alerts = (await derbyshire.WaitForAsync(r => r.Count(a => a.IsAbout("repeat-1")) >= 7)).Where(a => a.IsAbout("repeat-1")).ToList();

        Assert.Equal(["reported", "returned", "reported", "returned", "reported", "repeat-threshold", "returned"], alerts.Select(a => a.Kind));
        var threshold = alerts.Single(a => a.Kind == "repeat-threshold");
        Assert.Equal((3, 3), ((int)threshold.Body["incidentsLast30Days"]!, (int)threshold.Body["incidentsLast90Days"]!));
        var list = await (await missing.GetAsync("/api/children/repeat-1/missing-episodes")).Body();
        Assert.Equal((3, 3), ((int)list["incidentsLast30Days"]!, (int)list["incidentsLast90Days"]!));
    }
}
