using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Measures;

// Missing and away from placement: incidents, repeats, durations and return interviews (docs/measures.md).
public sealed partial class CommitteeIndicators
{
    private static readonly TimeSpan ReturnInterviewLimit = TimeSpan.FromHours(72);

    private static void MissingAndAway(
        List<ChildInCare> children, ReportWindow window, IndicatorSwitches switches, OrderedDictionary<string, Measure> measures)
    {
        // Only incidents of children looked after (not on a short break) on the day the incident began.
        var incidents = new List<(ChildInCare Child, CountedIncident Incident)>();
        foreach (var c in children)
        {
            foreach (var i in c.Incidents)
            {
                incidents.Add((c, i));
            }
        }

        var startedInWindow = incidents.Where(i => window.Contains(i.Incident.StartDate)).ToList();
        var lookedAfterDuring = children.Count(c => c.LookedAfterDuring(window));

        foreach (var (kind, name) in new[] { (MissingKind.Missing, "missing"), (MissingKind.Away, "away") })
        {
            var ofKind = startedInWindow.Where(i => i.Incident.Incident.Kind == kind).ToList();
            var childCount = ofKind.Select(i => i.Child).Distinct().Count();
            measures[$"{name}Incidents"] = Measure.Count(ofKind.Count);
            measures[$"children{Capitalised(name)}"] = Measure.Count(childCount);
            measures[$"children{Capitalised(name)}Pct"] = Measure.Percent(childCount, lookedAfterDuring);
            measures[$"incidentsPer{Capitalised(name)}Child"] = Measure.Ratio(ofKind.Count, childCount);
            measures[$"{name}AtAsAt"] = Measure.Count(incidents.Count(i =>
                i.Incident.Incident.Kind == kind
                && i.Incident.StartDate <= window.AsAt
                && (i.Incident.EndDate is not { } end || end > window.AsAt)
                && i.Child.LookedAfterOn(window.AsAt)));
        }

        // Returns only: an episode closed at the end of care (the child not found) ends but is not a return.
        var returns = incidents
            .Where(i => i.Incident.Incident.Kind == MissingKind.Missing || switches.AwayIncidentsInReturnInterviews)
            .Where(i => i.Incident.Incident.End is not null && i.Incident.EndDate is { } end && window.Contains(end))
            .Select(i => i.Incident.Incident)
            .ToList();
        var offeredInTime = returns.Count(m =>
            m.FirstReturnInterviewAt is { } offered && offered - m.End!.Value <= ReturnInterviewLimit);
        measures["returnInterviewOfferedIn72hPct"] = Measure.Percent(offeredInTime, returns.Count);
        measures["returnInterviewAcceptedPct"] =
            Measure.Percent(returns.Count(m => m.InterviewAccepted || m.InterviewCompleted), returns.Count);
        measures["returnInterviewCompletedPct"] = Measure.Percent(returns.Count(m => m.InterviewCompleted), returns.Count);

        var missingStarts = startedInWindow
            .Where(i => i.Incident.Incident.Kind == MissingKind.Missing)
            .GroupBy(i => i.Child)
            .Select(g => g.Select(i => i.Incident.StartDate).Order().ToList())
            .ToList();
        measures["repeatMissing30Days"] = Measure.Count(missingStarts.Count(s => ThreeStartsWithin(s, 29)));
        measures["repeatMissing90Days"] = Measure.Count(missingStarts.Count(s => ThreeStartsWithin(s, 89)));

        var missingInWindow = startedInWindow.Where(i => i.Incident.Incident.Kind == MissingKind.Missing).Select(i => i.Incident).ToList();
        foreach (var band in DurationBands)
        {
            var count = missingInWindow.Count(m => DurationBandOf(m, window) == band);
            measures[$"missingDuration.{band}"] = Measure.Percent(count, missingInWindow.Count);
        }
    }

    private static string Capitalised(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>Three starts whose third is at most <paramref name="days"/> days after the first.</summary>
    private static bool ThreeStartsWithin(List<DateOnly> starts, int days) =>
        Enumerable.Range(0, Math.Max(0, starts.Count - 2))
            .Any(i => starts[i + 2].DayNumber - starts[i].DayNumber <= days);

    private static readonly string[] DurationBands = ["under24Hours", "oneToTwoDays", "threeToSixDays", "sevenDaysOrMore", "open"];

    // Bands are whole days of 24 hours: 1–2 days is 24 h up to 72 h, 3–6 days is 72 h up to 168 h. An episode
    // closed at the end of care lasts until care ended, the start of that UK day.
    private static string DurationBandOf(CountedIncident incident, ReportWindow window)
    {
        if (incident.EndDate is not { } endDate || endDate > window.To)
        {
            return "open";
        }

        var end = incident.Incident.End ?? UkLocalDate.StartOf(endDate);

        var hours = (end - incident.Incident.Start).TotalHours;
        return hours switch
        {
            < 24 => "under24Hours",
            < 72 => "oneToTwoDays",
            < 168 => "threeToSixDays",
            _ => "sevenDaysOrMore",
        };
    }
}
