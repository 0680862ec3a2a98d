using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Children;

/// <summary>
/// The repeat-missing threshold the police liaison meeting works from: 3 or more incidents starting within
/// 30 consecutive calendar days, or within 90 (docs/measures.md, Repeat-missing threshold: third minus first ≤ 29
/// days, or ≤ 89). Incidents are every episode of either kind (M and A) for a child in care, because the
/// police hear of both; dates are UK local dates of the last-seen instants.
/// </summary>
public static class RepeatMissing
{
    public const int Threshold = 3;
    public static readonly int[] WindowsInDays = [30, 90];

    public static int Count(IEnumerable<EpisodeEntry> incidents, DateTimeOffset asAt, int days)
    {
        var last = UkLocalDate.Of(asAt);
        var first = last.AddDays(-(days - 1));
        return incidents.Count(i => i.LastSeenAt <= asAt && UkLocalDate.Of(i.LastSeenAt) >= first);
    }

    /// <summary>
    /// Whether the police must now hear that this incident takes the child over the threshold in either
    /// window. It fires once per crossing: only when the incidents before it (in last-seen order) back to where
    /// the child was last below the threshold in that window include none the police were told of, so a
    /// fourth or fifth incident while still over it raises no new alert, and a child who drops below and climbs
    /// back raises one again. Incidents reported after the child was back (<see cref="EpisodeEntry.ReportedAfterReturn"/>)
    /// count like any other but never raise it themselves: when one of them crossed the threshold, the first
    /// alerted incident while the child is still over it carries the crossing.
    /// </summary>
    public static bool IsCrossedBy(MissingChild child, Guid episodeId)
    {
        var incidents = child.Incidents.OrderBy(i => i.LastSeenAt).ToList();
        var incident = incidents.FirstOrDefault(i => i.EpisodeId == episodeId);
        if (incident is null || !incident.IsAlerted) return false;
        var earlierNearestFirst = incidents.Where(i => i.LastSeenAt < incident.LastSeenAt).Reverse().ToList();
        return WindowsInDays.Any(days =>
            Count(incidents, incident.LastSeenAt, days) >= Threshold
            && !earlierNearestFirst.TakeWhile(i => Count(incidents, i.LastSeenAt, days) >= Threshold).Any(i => i.IsAlerted));
    }
}
