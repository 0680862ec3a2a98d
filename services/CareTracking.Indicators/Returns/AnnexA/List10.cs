using System.Globalization;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Indicators.Returns.AnnexA;

/// <summary>
/// Ofsted's Annex A List 10, adoption: one row per decision that a child should be placed for adoption (Placements'
/// adoption facts, ChildHistory.Permanence) that stood on some day of the 12 months ending on the date asked, or was
/// made, reversed or ended by an adoption order in them. The dates are those of the period of care the decision was
/// made in, known by that date. Columns as the template names them ([LIIA] la-agg.yml, List 10, without LIIA's LA
/// column); a column no service records is empty and docs/return-903.md names it.
/// </summary>
public static class List10
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Does the Child have a Disability",
        "Date the Child Entered Care", "Date of Decision that Child Should be Placed for Adoption", "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption", "Date of Adoption Order",
        "Date of Decision that Child Should No Longer be Placed for Adoption", "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement",
    ];

    /// <summary>The columns no service records yet: empty in every row.</summary>
    public static readonly IReadOnlyList<string> NotCollected = ["Family identifier", "Does the Child have a Disability"];

    private static readonly HashSet<string> PlacedForAdoption = ["A3", "A4", "A5", "A6"];
    private static readonly HashSet<string> FosteringForAdoption = ["U2", "U5"];

    public static AnnexAList Build(IEnumerable<ChildRecord> records, DateOnly asAt)
    {
        var window = ReportWindow.EndingOn(asAt);
        var rows = new List<ReturnRow>();
        foreach (var record in records.OrderBy(r => r.History.ChildId, StringComparer.Ordinal))
        {
            var history = record.History;
            // The history as known on asAt: an episode ending later is still open then.
            var periods = PeriodOfCare.From(history.Episodes.Where(e => e.Decom <= asAt)
                .Select(e => e.Dec is { } dec && dec > asAt ? e with { Dec = null, Rec = null, ReasonPlaceChange = null } : e));
            foreach (var decision in history.PermanenceOrNone.PlacedAdoption.Where(d => d.DatePlaced <= asAt))
            {
                var period = periods.LastOrDefault(p => p.Start <= decision.DatePlaced);
                if (period is null) continue;
                var adopted = period.End is { } end && period.ReasonEnded is "E11" or "E12" ? end : (DateOnly?)null;
                var ceased = decision.DatePlacedCeased is { } c && c <= asAt ? c : (DateOnly?)null;
                var stoodUntil = ceased ?? adopted;
                if (stoodUntil is { } until && until < window.From) continue; // over before the 12 months
                DateOnly? First(Func<Ssda903.Episodes.EpisodeRow, bool> match, DateOnly from) =>
                    period.Episodes.Where(e => e.Decom >= from && match(e)).Select(e => (DateOnly?)e.Decom).FirstOrDefault();
                var match = history.PermanenceOrNone.Matches.LastOrDefault(m => m.DateInt == decision.DatePlaced && m.DateMatch <= asAt);
                rows.Add(new ReturnRow(history.ChildId,
                [
                    history.ChildId, "", record.Details?.Sex ?? "", record.Details?.Ethnicity ?? "", ReturnYear.Date(history.DateOfBirth),
                    history.DateOfBirth is { } dob ? Age.InWholeYears(dob, asAt).ToString(CultureInfo.InvariantCulture) : "", "",
                    ReturnYear.Date(period.Start), ReturnYear.Date(decision.DatePlaced), ReturnYear.Date(First(e => e.Ls == "E1", period.Start)),
                    ReturnYear.Date(match?.DateMatch), ReturnYear.Date(First(e => PlacedForAdoption.Contains(e.Place), decision.DatePlaced)),
                    ReturnYear.Date(adopted), ReturnYear.Date(ceased), ceased is null ? "" : decision.ReasonPlacedCeased ?? "",
                    ReturnYear.Date(First(e => FosteringForAdoption.Contains(e.Place), period.Start)),
                ]));
            }
        }
        return new AnnexAList("List 10", asAt, Columns, rows);
    }
}
