using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Breakdowns;

/// <summary>The missing incidents of a window broken down for the committee, as counts: no child is named.</summary>
public sealed record MissingBreakdown(
    DateOnly From, DateOnly To, DateTimeOffset? KnownAt, int Incidents, int Children,
    IReadOnlyList<GroupCount> ByPlacement, IReadOnlyList<GroupCount> ByProvider, IReadOnlyList<GroupCount> ChildrenByIncidents,
    int IncidentsOfTheMostMissingFifth, int UnderTenHours, int Returns, int ReturnsWithoutCompletedInterview,
    IReadOnlyList<GroupCount> ByFoundArea, IReadOnlyList<GroupCount> ByRiskLevel, IReadOnlyList<GroupCount> ByExploitation,
    int ReturnsWithInterviewCompletedIn72Hours);

/// <summary>
/// Missing (M) incidents starting in the window of children looked after that day (short breaks aside), as
/// <c>missingIncidents</c> counts them: by the placement the child went missing from (PLACE group and PLACE_PROVIDER of
/// the episode open that day), the children by how many incidents each had, the incidents of the fifth of those
/// children who went missing most (the few who account for most), the incidents that lasted under 10 hours (from last
/// seen to return), the returns in the window whose return interview was not completed, and those whose interview
/// was completed within 72 hours of the return instant (a clock on instants: completed at or before return + 72 h).
/// The incidents also by where the child was found (the return's found area: "hot spots"; <c>notRecorded</c> when not
/// given, <c>notReturned</c> while open or closed at the end of care), by the highest police risk level the episode
/// reached, and by the exploitation risk known at the report (<c>criminal</c>, <c>sexual</c>, <c>criminalAndSexual</c>,
/// <c>none</c>). Pure.
/// </summary>
public static class MissingAnalysis
{
    public static MissingBreakdown Of(IReadOnlyList<ChildRecord> children, ReportWindow window)
    {
        var (incidents, returns) = Counted(children, window);

        IReadOnlyList<GroupCount> By(IEnumerable<string> groups, int of) =>
            [.. groups.GroupBy(g => g).Select(g => new GroupCount(g.Key, g.Count(), Measure.Percent(g.Count(), of).Value))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Group, StringComparer.Ordinal)];

        var perChild = incidents.GroupBy(i => i.Child).Select(g => g.Count()).OrderDescending().ToList();
        var band = perChild.Select(n => n switch { 1 => "1", < 5 => "2to4", < 10 => "5to9", _ => "10orMore" });
        // The fifth of the children (rounded up) who went missing most often, and how many of the incidents are theirs.
        var mostMissing = perChild.Take((perChild.Count + 4) / 5).Sum();

        return new MissingBreakdown(window.From, window.To, window.KnownAt, incidents.Count, perChild.Count,
            By(incidents.Select(i => CodeGroups.PlacementGroupOf(i.Episode.Place)), incidents.Count),
            By(incidents.Select(i => CodeGroups.IsFoster(i.Episode.Place)
                ? "foster." + CodeGroups.FosteringProviderOf(i.Episode.PlaceProvider)
                : i.Episode.PlaceProvider ?? ChildProfile.NotRecorded), incidents.Count),
            By(band, perChild.Count),
            mostMissing,
            incidents.Count(i => i.Incident.End is { } end && (end - i.Incident.Start).TotalHours < 10),
            returns.Count,
            returns.Count(r => !r.Incident.InterviewCompleted),
            By(incidents.Select(i => i.Incident.End is null ? "notReturned" : i.Incident.FoundArea ?? ChildProfile.NotRecorded), incidents.Count),
            By(incidents.Select(i => i.Incident.HighestRiskLevel ?? ChildProfile.NotRecorded), incidents.Count),
            By(incidents.Select(i => (i.Incident.CriminalExploitation, i.Incident.SexualExploitation) switch
            {
                (true, true) => "criminalAndSexual",
                (true, false) => "criminal",
                (false, true) => "sexual",
                _ => "none",
            }), incidents.Count),
            returns.Count(r => InterviewIn72Hours(r.Incident)));
    }

    /// <summary>Completed at or before the return instant + 72 hours (a clock on instants).</summary>
    internal static bool InterviewIn72Hours(MissingIncident returned) =>
        returned.InterviewCompletedAt is { } done && returned.End is { } end && done <= end.AddHours(72);

    /// <summary>The M incidents starting in the window and the returns in it, each of a day the child was looked after
    /// (short breaks aside), as <c>missingIncidents</c> counts them.</summary>
    internal static (List<(string Child, MissingIncident Incident, EpisodeRow Episode)> Incidents, List<(string Child, MissingIncident Incident)> Returns) Counted(
        IReadOnlyList<ChildRecord> children, ReportWindow window)
    {
        var incidents = new List<(string Child, MissingIncident Incident, EpisodeRow Episode)>();
        var returns = new List<(string Child, MissingIncident Incident)>();
        foreach (var c in children)
        {
            foreach (var m in c.History.Missing.Where(m => m.Kind == MissingKind.Missing))
            {
                // Only incidents that began on a day the child was looked after, as missingIncidents counts them.
                var day = UkLocalDate.Of(m.Start);
                if (ChildProfile.EpisodeOn(c.History, day) is not { } episode) continue;
                if (m.End is { } end && m.ClosedAtEndOfCare is null && window.Contains(UkLocalDate.Of(end))) returns.Add((c.History.ChildId, m));
                if (window.Contains(day)) incidents.Add((c.History.ChildId, m, episode));
            }
        }
        return (incidents, returns);
    }
}
