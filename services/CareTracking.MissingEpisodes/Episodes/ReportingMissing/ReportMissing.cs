using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes.ClosingAtEndOfCare;
using CareTracking.MissingEpisodes.Episodes.RecordingReturn;
using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Episodes.ReportingMissing;

/// <summary>
/// The case system reports that a looked-after child is missing (M) or away without authorisation (A).
/// <paramref name="RiskReason"/> is the reason for a level below high when an exploitation risk is known.
/// With <paramref name="ReturnedAt"/> (and optionally <paramref name="FoundArea"/>) the report is recorded after
/// the child was already back (history from a 903 return, or an episode learnt of late): the report and its
/// return are recorded together, and the police are not alerted (PoliceAlerts).
/// </summary>
public sealed partial record ReportMissing(
    Guid EpisodeId,
    string Authority,
    string ChildId,
    string Kind,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ReportedAt,
    string RiskLevel,
    string? RiskReason,
    ExploitationRisk ExploitationRisk,
    string? PoliceReference,
    DateTimeOffset? ReturnedAt = null,
    string? FoundArea = null)
{
    /// <summary>A force's own reference: it goes to the police in every alert and is kept for ever, so it may
    /// not carry free text (a name, a note).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9/-]{1,30}$")]
    private static partial System.Text.RegularExpressions.Regex PoliceReferenceFormat();

    /// <summary>
    /// Rules, in order: an id already used is a repeat (same report: nothing) or a conflict; kind and risk
    /// level must be known codes; last seen not in the future and not after the report; the child must not be
    /// known to be out of care on the last-seen date (903 rule 578); no second open episode for the child;
    /// last seen not within an earlier episode of the child (from its last-seen instant up to its return or
    /// end of care; 903 rule 574). A child never heard of from Placements is not rejected: the report is
    /// recorded as awaiting care confirmation. A report in a period of care Placements has already ended is
    /// closed at that end in the same append. A report with its return must then pass every rule of
    /// <see cref="RecordReturn"/> on the episode and child as the report leaves them, exactly as the two posts
    /// one after the other would; the return follows the report in the same append.
    /// </summary>
    public static EpisodeDecision Decide(ReportMissing command, MissingChild child, Episode? episode, DateTimeOffset now)
    {
        if (episode is not null)
        {
            return command.Repeats(episode)
                ? EpisodeDecision.Nothing(command.EpisodeId)
                : throw new RuleViolation("episodeId", "episode.already-reported",
                    "This episode id was already used for a different report; use a new id or the original details.");
        }

        if (command.ReturnedAt is null && Blank(command.FoundArea) is not null)
            throw new RuleViolation("foundArea", "report.found-area-without-return",
                "foundArea is where the child was found; give it with returnedAt, or later with the return.");
        var report = DecideReport(command, child, now);
        if (command.ReturnedAt is not { } returnedAt) return report;
        var returned = RecordReturn.Decide(
            new RecordReturn(command.EpisodeId, returnedAt, command.FoundArea),
            report.ChildEvents.Aggregate(child, MissingChild.Evolve), Episode.Fold(report.EpisodeEvents), now);
        return new EpisodeDecision(
            command.EpisodeId,
            [.. report.EpisodeEvents, .. returned.EpisodeEvents],
            [.. report.ChildEvents, .. returned.ChildEvents]);
    }

    static EpisodeDecision DecideReport(ReportMissing command, MissingChild child, DateTimeOffset now)
    {

        if (!MissingKind.IsKnown(command.Kind))
            throw new RuleViolation("kind", "episode.kind-unknown",
                "kind must be M (missing: whereabouts unknown) or A (away from placement without authorisation: whereabouts known).");
        if (!Episodes.RiskLevel.IsKnown(command.RiskLevel))
            throw new RuleViolation("riskLevel", "risk.level-unknown", "riskLevel must be low, medium or high.");
        if (Blank(command.PoliceReference) is { } reference && !PoliceReferenceFormat().IsMatch(reference))
            throw new RuleViolation("policeReference", "report.police-reference-format",
                "policeReference is the force's reference: 1 to 30 letters, digits, '-' or '/', no spaces.");
        EpisodeRules.NotInFuture(command.LastSeenAt, now, "lastSeenAt", "report.last-seen-in-future");
        if (command.ReportedAt < command.LastSeenAt)
            throw new RuleViolation("reportedAt", "report.before-last-seen",
                "reportedAt is before lastSeenAt; a child is reported missing after being last seen.");

        var careStatus = child.CareStatusOn(UkLocalDate.Of(command.LastSeenAt));
        if (careStatus == CareStatus.NotInCare)
            throw new RuleViolation("lastSeenAt", "child.not-in-care",
                "The child was not in care on the date last seen, according to the periods of care received from Placements.");
        if (child.OpenEpisode is { } open)
            throw new RuleViolation("childId", "episode.already-open",
                $"The child already has an open missing episode ({open.EpisodeId}); record its return before reporting another.");
        if (child.Episodes.FirstOrDefault(e => e.Covers(command.LastSeenAt)) is { } overlapped)
            throw new RuleViolation("lastSeenAt", "episode.overlaps",
                $"lastSeenAt falls within an earlier episode of the child ({overlapped.EpisodeId}), between its last-seen instant and its end; episodes of one child do not overlap (903 rule 574).");

        var awaitingCare = careStatus == CareStatus.NeverHeardOf;
        var afterReturn = command.ReturnedAt is not null;
        var noted = new EpisodeReportedNoted(command.EpisodeId, command.Kind, command.LastSeenAt, awaitingCare, afterReturn);
        // Reported after Placements told us the period of care had already ended: the episode ends with it, in
        // the same append (it is the child's only open episode, so the closure is this episode's alone).
        var closed = child.PeriodCovering(UkLocalDate.Of(command.LastSeenAt)) is { EndDate: not null } ended
            ? EndOfCare.Close(MissingChild.Evolve(child, noted), ended)
            : EndOfCareDecision.None;
        return new EpisodeDecision(
            command.EpisodeId,
            [
                new MissingEpisodeReported(
                    command.EpisodeId, command.Authority, command.ChildId, command.Kind, command.LastSeenAt,
                    command.ReportedAt, RiskLevelInForce(command), command.RiskLevel, Blank(command.RiskReason),
                    command.ExploitationRisk, Blank(command.PoliceReference), awaitingCare, afterReturn),
                .. closed.EpisodeEvents,
            ],
            [noted, .. closed.ChildEvents]);
    }

    /// <summary>
    /// A child at risk of criminal exploitation is high risk at once, whatever was asked. A child at risk of
    /// sexual exploitation is high risk unless the report gives a reason for a lower level.
    /// </summary>
    static string RiskLevelInForce(ReportMissing command) =>
        command.ExploitationRisk.Criminal ? Episodes.RiskLevel.High
        : command.ExploitationRisk.Sexual && Blank(command.RiskReason) is null ? Episodes.RiskLevel.High
        : command.RiskLevel;

    /// <summary>The same report again: the same details, and the same return for a report made after it (a
    /// report made while missing and one made after the return are different reports).</summary>
    bool Repeats(Episode episode) =>
        episode.ReportedAfterReturn == ReturnedAt is not null
        && (ReturnedAt is null || (episode.ReturnedAt == ReturnedAt && episode.FoundArea == Blank(FoundArea)))
        && episode.Authority == Authority && episode.ChildId == ChildId && episode.Kind == Kind
        && episode.LastSeenAt == LastSeenAt && episode.ReportedAt == ReportedAt
        && episode.RequestedRiskLevel == RiskLevel && episode.RiskReason == Blank(RiskReason)
        && episode.ExploitationRisk == ExploitationRisk && episode.PoliceReference == Blank(PoliceReference);

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
