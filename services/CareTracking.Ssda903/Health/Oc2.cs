using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Codes;
using CareTracking.Ssda903.Reviews;

namespace CareTracking.Ssda903.Health;

/// <summary>
/// One child's row of the 903 OC2 table (health and offending) for a collection year. Flags are the 903's 1/0 as
/// true/false; null is a blank field (a field the 903 does not ask of a child of this age, or an SDQ not
/// recorded). Field names follow the 903 (docs/ssda903.md, "OC2: health and offending").
/// </summary>
public sealed record Oc2Row(
    bool? Convicted,
    bool? HealthCheck,
    bool Immunisations,
    bool TeethCheck,
    bool HealthAssessment,
    bool SubstanceMisuse,
    bool? InterventionReceived,
    bool? InterventionOffered,
    int? SdqScore,
    string? SdqReason);

/// <summary>
/// The OC2 cohort and values. The cohort is the children looked after continuously for 12 months at 31 March,
/// as the DfE validator works it out (docs/ssda903.md): looked after in the year, no period of care starting
/// after 1 April, none ending in the year, and no short break (V3/V4) in the year.
/// </summary>
/// <remarks>
/// Read over periods of care (a period begins with RNE S and ends with a REC other than X1, so this is the
/// validator's test on episodes). Where we differ from the validator: a period ending on 31 March itself leaves
/// the child out (our rule is that the day care ends is not a day in care, docs/measures.md; the validator
/// counts only endings before 31 March), and a short break that ended on 1 April does not (the validator's
/// "during the year" includes it). The values are our reading of the 903 guide's questions, over the year 1 April
/// to 31 March: each flag is 1 when such a fact is recorded in the year; immunisations are 1 when the latest check
/// in the year found them up to date; the SDQ is the latest in the year. Ages are on 31 March, as rules 542
/// (CONVICTED blank under 10), 545/546 (HEALTH_CHECK only under 5) and 188 (no SDQ under 4) take them; rule 189
/// takes 17 at 1 April as too old for an SDQ.
/// </remarks>
public static class Oc2
{
    public static bool IsContinuouslyLookedAfter(IEnumerable<PeriodOfCare> periods, CollectionYear year)
    {
        var list = periods as IReadOnlyCollection<PeriodOfCare> ?? [.. periods];
        var first = year.FirstDay;
        var last = year.LastDay;
        if (list.Any(p => p.IsShortBreak && p.Start <= last && (p.End is null || p.End > first))) return false;
        return list.Any(p => !p.IsShortBreak && p.Start <= first && (p.End is null || p.End > last));
    }

    /// <summary>The child's OC2 row for the year, or none when the child is not in the cohort.</summary>
    public static Oc2Row? For(IEnumerable<PeriodOfCare> periods, DateOnly? dateOfBirth, HealthFacts facts, CollectionYear year)
    {
        if (!IsContinuouslyLookedAfter(periods, year)) return null;
        bool InYear(DateOnly d) => year.Contains(d);
        int? ageAtEnd = dateOfBirth is { } born ? Age.InWholeYears(born, year.LastDay) : null;
        int? ageAtStart = dateOfBirth is { } b ? Age.InWholeYears(b, year.FirstDay) : null;

        var misuse = facts.SubstanceMisuse.Where(s => InYear(s.Date)).ToList();
        var latestImmunisations = facts.Immunisations.Where(i => InYear(i.Date)).MaxBy(i => i.Date);
        var sdqAsked = ageAtEnd >= 4 && ageAtStart <= 16;
        var sdq = sdqAsked ? facts.Sdqs.Where(s => InYear(s.Date)).MaxBy(s => s.Date) : null;

        return new Oc2Row(
            Convicted: ageAtEnd >= 10 ? facts.Convictions.Any(InYear) : null,
            HealthCheck: ageAtEnd < 5 ? facts.DevelopmentChecks.Any(InYear) : null,
            Immunisations: latestImmunisations?.UpToDate ?? false,
            TeethCheck: facts.DentalChecks.Any(InYear),
            HealthAssessment: facts.Assessments.Any(a => InYear(a.Date)),
            SubstanceMisuse: misuse.Count > 0,
            InterventionReceived: misuse.Count > 0 ? misuse.Any(s => s.InterventionReceived) : null,
            InterventionOffered: misuse.Count > 0 ? misuse.Any(s => s.InterventionOffered) : null,
            SdqScore: sdq?.Score,
            SdqReason: sdq?.Reason);
    }
}
