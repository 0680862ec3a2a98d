using System.Globalization;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Indicators.Returns.AnnexA;

/// <summary>
/// Ofsted's Annex A List 8, children in care: every child looked after on any day of the 12 months ending on the
/// date asked (the inspection's reference date), one row each, about the child's latest period of care in those
/// months. Columns as the Annex A template names them (docs/return-903.md, "Annex A"); a column whose fact no
/// service records is empty in every row, and the docs name it.
/// </summary>
public static class List8
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Does the Child have a Disability",
        "Date Started to be Looked After", "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
        "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review", "Date of Last Social Work Visit",
        "What is the permanence plan for this child?", "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment",
        "Date of Last Dental Check", "Number of Placements in the Last 12 months", "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After", "Start Date of Most Recent Placement", "Placement Type", "Placement Provider",
        "Placement postcode", "URN of Placement", "Placement Location", "LA of Placement",
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
        "Allocated Team", "Allocated Worker",
    ];

    /// <summary>The columns no service records yet: empty in every row.</summary>
    public static readonly IReadOnlyList<string> NotCollected =
    [
        "Does the Child have a Disability", "Date of Last Social Work Visit", "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment", "Date of Last Dental Check",
        "Placement Location", "Allocated Team", "Allocated Worker",
    ];

    public static AnnexAList Build(IEnumerable<ChildRecord> records, DateOnly asAt, IndicatorSwitches switches)
    {
        var window = ReportWindow.EndingOn(asAt);
        var rows = new List<ReturnRow>();
        foreach (var record in records.OrderBy(r => r.History.ChildId, StringComparer.Ordinal))
        {
            var history = record.History;
            var periods = PeriodOfCare.From(history.Episodes.Where(e => e.Decom <= asAt)
                .Select(e => e.Dec is { } dec && dec > asAt ? e with { Dec = null, Rec = null, ReasonPlaceChange = null } : e))
                .Where(p => p.OverlapsWindow(window)).ToList();
            if (periods.Count == 0) continue;
            var period = periods[^1];
            var last = period.Episodes[^1];
            var legalStatusFrom = period.Episodes.Reverse().TakeWhile(e => e.Ls == last.Ls).Last().Decom;
            var placementFrom = period.Episodes.Reverse().SkipWhile(e => e.Rne == "L").FirstOrDefault()?.Decom ?? period.Start;
            var placements = periods.SelectMany(p => Placement.Within(p, switches)).Count(p => p.OpenDuring(window));
            var incidents = history.Missing.Where(m => window.Contains(UkLocalDate.Of(m.Start))).ToList();
            var lastMissing = incidents.Where(m => m.Kind == MissingKind.Missing).MaxBy(m => m.Start);
            var review = history.Reviews.Where(r => r.Date <= asAt).Select(r => (DateOnly?)r.Date).Max();
            var sex = record.Details?.Sex ?? "";
            rows.Add(new ReturnRow(history.ChildId,
            [
                history.ChildId, sex, record.Details?.Ethnicity ?? "", ReturnYear.Date(history.DateOfBirth),
                history.DateOfBirth is { } dob ? Age.InWholeYears(dob, asAt).ToString(CultureInfo.InvariantCulture) : "", "",
                ReturnYear.Date(period.Start), last.Cin, periods.Count > 1 ? "Y" : "N",
                ReturnYear.Date(legalStatusFrom), last.Ls, ReturnYear.Date(review), "",
                "", "", "",
                "", placements.ToString(CultureInfo.InvariantCulture), ReturnYear.Date(period.End),
                period.End is null ? "" : period.ReasonEnded ?? "", ReturnYear.Date(placementFrom), last.Place, last.PlaceProvider ?? "",
                last.PlPost ?? "", last.Urn ?? "", "", last.PlLa ?? "",
                incidents.Count(m => m.Kind == MissingKind.Missing).ToString(CultureInfo.InvariantCulture),
                incidents.Count(m => m.Kind == MissingKind.Away).ToString(CultureInfo.InvariantCulture),
                lastMissing is null ? "" : lastMissing.FirstReturnInterviewAt is null ? "N" : "Y",
                lastMissing is null ? "" : lastMissing.InterviewAccepted ? "Y" : "N",
                "", "",
            ]));
        }
        return new AnnexAList("List 8", asAt, Columns, rows);
    }
}
