using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Codes;
using CareTracking.Ssda903.Health;

namespace CareTracking.Health.Children;

/// <summary>A recorded fact that breaks a rule found only after it was accepted: it was posted before the
/// care-period message (with the date of birth) arrived, and the message has since shown it to fall outside any
/// period of care, or outside the age the fact is for. The rule id is the one the post would have been refused
/// with.</summary>
public sealed record HealthFlag(string Fact, DateOnly Date, string Rule);

/// <summary>
/// What <c>GET /api/children/{childId}/health</c> is to answer (issue 11): what is recorded, the assessment due
/// next and by when as at a date, and the child's OC2 row for a collection year. Pure; the endpoint is not built
/// yet (docs/health.md).
/// </summary>
/// <param name="NextDue">The assessment due next as at <paramref name="AsAt"/>; none when not looked after then
/// (or on a short break).</param>
/// <param name="Oc2">The OC2 row for <paramref name="Oc2Year"/>; none when the child is not in its cohort.</param>
public sealed record ChildHealthView(
    DateOnly AsAt,
    HealthFacts Recorded,
    IReadOnlyList<DateOnly> HealthPassports,
    HealthAssessmentDue? NextDue,
    bool Overdue,
    CollectionYear Oc2Year,
    Oc2Row? Oc2,
    IReadOnlyList<HealthFlag> Flags)
{
    public static ChildHealthView Of(HealthChild child, DateOnly asAt, CollectionYear oc2Year, WorkingDays workingDays)
    {
        var due = child.DueAt(asAt, workingDays);
        return new ChildHealthView(asAt, child.Facts, child.HealthPassports, due, due?.IsOverdueOn(asAt) ?? false,
            oc2Year, child.Oc2For(oc2Year), FlagsOf(child));
    }

    private static List<HealthFlag> FlagsOf(HealthChild child)
    {
        var dated = new List<(string Fact, DateOnly Date)>();
        dated.AddRange(child.AssessmentRequests.Select(r => ("health-assessment-request", r.RequestedOn)));
        dated.AddRange(child.Assessments.Select(a => ("health-assessment", a.Date)));
        dated.AddRange(child.Immunisations.Select(i => ("immunisations", i.Date)));
        dated.AddRange(child.DentalChecks.Select(d => ("dental-check", d)));
        dated.AddRange(child.DevelopmentChecks.Select(d => ("development-check", d)));
        dated.AddRange(child.Sdqs.Select(s => ("sdq", s.Date)));
        dated.AddRange(child.SubstanceMisuse.Select(s => ("substance-misuse", s.Date)));
        dated.AddRange(child.Convictions.Select(d => ("conviction", d)));

        var flags = dated
            .Where(f => child.StandingOn(f.Date) == CareStanding.NotLookedAfter)
            .Select(f => new HealthFlag(f.Fact, f.Date, $"{f.Fact}.not-looked-after"))
            .ToList();
        if (child.DateOfBirth is { } born)
        {
            int AgeOn(DateOnly d) => Age.InWholeYears(born, d);
            flags.AddRange(child.DevelopmentChecks.Where(d => AgeOn(d) >= 5).Select(d => new HealthFlag("development-check", d, "development-check.age-5-or-over")));
            flags.AddRange(child.Sdqs.Where(s => AgeOn(s.Date) is < 4 or > 16).Select(s => new HealthFlag("sdq", s.Date, "sdq.age")));
            flags.AddRange(child.Convictions.Where(d => AgeOn(d) < 10).Select(d => new HealthFlag("conviction", d, "conviction.under-10")));
        }
        return [.. flags.OrderBy(f => f.Date).ThenBy(f => f.Fact, StringComparer.Ordinal)];
    }
}
