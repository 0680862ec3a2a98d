using System.Globalization;
using CareTracking.Indicators.Measures;
using CareTracking.Ssda903.Health;

namespace CareTracking.Indicators.Returns.Tables;

/// <summary>OC2: a row for each child of the return looked after continuously for 12 months at 31 March, with the
/// Health service's facts of the year. Cohort and values are Ssda903's <see cref="Oc2"/>, over the same periods of
/// care the OC2 committee measures read (HealthIndicators), so the table and the measures cannot disagree. Flags
/// are 1/0; a field the 903 does not ask of the child's age, or an SDQ not recorded, is an empty cell.</summary>
public sealed class Oc2Table : IReturnTable
{
    public string File => "oc2.csv";
    public string Name => "OC2";
    public IReadOnlyList<string> Columns { get; } = ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"];
    public string? NotProducedBecause => null;

    public IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort) =>
    [
        .. cohort.Children
            .Select(c => (Child: c, Row: Oc2.For(HealthAndCareLeaverPeriods.PeriodsOf(c.History), c.DateOfBirth, c.HealthOrNone, cohort.Year.Collection)))
            .Where(c => c.Row is not null)
            .Select(c => new ReturnRow(c.Child.ChildId,
            [
                c.Child.ChildId, ReturnYear.Date(c.Child.DateOfBirth), c.Row!.SdqScore?.ToString(CultureInfo.InvariantCulture) ?? "", c.Row.SdqReason ?? "",
                Flag(c.Row.Convicted), Flag(c.Row.HealthCheck), Flag(c.Row.Immunisations), Flag(c.Row.TeethCheck), Flag(c.Row.HealthAssessment),
                Flag(c.Row.SubstanceMisuse), Flag(c.Row.InterventionReceived), Flag(c.Row.InterventionOffered),
            ])),
    ];

    private static string Flag(bool? value) => value switch { true => "1", false => "0", null => "" };
}
