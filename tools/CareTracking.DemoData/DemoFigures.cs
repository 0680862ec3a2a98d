using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CareTracking.DemoData;

/// <summary>What the Indicators service makes of the demo history: a few committee headlines per year.</summary>
public static class DemoFigures
{
    public static readonly string[] Headlines =
    [
        "cla", "started", "ceased", "ceasedAdoptedPct", "threePlusPlacementsPct", "placementMoves",
        "placedOver20MilesPct", "placedOver20MilesUnknown", "outOfAreaPct", "outOfAreaUnknown",
        "missingIncidents", "childrenMissing", "reviewsOnTimePct", "childParticipatedPct",
        "oc2Cohort", "oc2HealthAssessmentPct", "oc2ImmunisationsPct", "oc2DentalCheckPct", "sdqAverage", "healthAssessmentsUpToDatePct",
    ];

    /// <summary>Waits until the Indicators projections have caught up with the event feed (lag 0 on /health/ready).</summary>
    public static async Task<bool> WaitForProjectionsAsync(HttpClient indicators, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var health = JsonNode.Parse(await indicators.GetStringAsync("/health/ready", ct));
                var lags = health?["checks"]?["projections"]?["data"]?.AsObject().Select(p => (long?)p.Value?["lag"]).ToList() ?? [];
                if (lags.Count > 0 && lags.All(l => l == 0)) return true;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(500, ct);
        }
    }

    /// <summary>The committee report for the collection year ending 31 March <paramref name="yearEnding"/>.</summary>
    public static async Task<JsonNode> CommitteeAsync(HttpClient indicators, int yearEnding, CancellationToken ct = default) =>
        await indicators.GetFromJsonAsync<JsonNode>($"/api/indicators/committee?year={yearEnding}", ct)
        ?? throw new InvalidOperationException("The committee report was empty.");

    public static string Describe(JsonNode report)
    {
        var parts = Headlines.Select(key => (key, value: report["measures"]?[key]?["value"]))
            .Where(x => x.value is not null)
            .Select(x => $"{x.key} {Convert.ToString(x.value!.GetValue<decimal>(), CultureInfo.InvariantCulture)}");
        return string.Join(", ", parts);
    }
}
