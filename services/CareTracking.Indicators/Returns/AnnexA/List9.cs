using System.Globalization;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.CareLeavers;

namespace CareTracking.Indicators.Returns.AnnexA;

/// <summary>
/// Ofsted's Annex A List 9, care leavers: one row per young person who has a leaving-care status with the authority on
/// the date asked (eligible, relevant, former relevant or qualifying, as <see cref="CareLeaverEligibility"/> works it out
/// from the periods of care the OC3 cohort and the care-leaver measures read). "LA in Touch", accommodation and
/// activity are the 903 OC3 codes of the Leaving-care service's latest contact on or before that date; the allocated
/// worker is the personal adviser allocated latest by then. Columns as the template names them ([LIIA] la-agg.yml,
/// List 9, without LIIA's LA column); docs/return-903.md names the columns not collected.
/// </summary>
public static class List9
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Does the Child have a Disability",
        "Allocated Team", "Allocated Worker", "Eligibility Category", "LA in Touch", "Type of Accommodation",
        "Suitability of Accommodation", "Activity Status",
    ];

    /// <summary>The columns no service records yet: empty in every row.</summary>
    public static readonly IReadOnlyList<string> NotCollected = ["Does the Child have a Disability", "Allocated Team"];

    public static AnnexAList Build(IEnumerable<ChildRecord> records, DateOnly asAt)
    {
        var rows = new List<ReturnRow>();
        foreach (var record in records.OrderBy(r => r.History.ChildId, StringComparer.Ordinal))
        {
            var history = record.History;
            if (history.DateOfBirth is not { } born) continue;
            // The history as known on asAt: an episode ending later is still open then.
            var known = history with
            {
                Episodes = [.. history.Episodes.Where(e => e.Decom <= asAt)
                    .Select(e => e.Dec is { } dec && dec > asAt ? e with { Dec = null, Rec = null, ReasonPlaceChange = null } : e)],
            };
            if (CareLeaverEligibility.On(HealthAndCareLeaverPeriods.CareHistoryOf(known), born, asAt) is not { } status) continue;
            var facts = record.CareLeaver ?? CareLeaverFacts.None;
            var contact = facts.Contacts.Where(c => c.Date <= asAt).OrderBy(c => c.Date).LastOrDefault();
            var adviser = facts.PersonalAdvisers.Where(a => a.Date <= asAt).OrderBy(a => a.Date).LastOrDefault();
            rows.Add(new ReturnRow(history.ChildId,
            [
                history.ChildId, record.Details?.Sex ?? "", record.Details?.Ethnicity ?? "", ReturnYear.Date(born),
                Age.InWholeYears(born, asAt).ToString(CultureInfo.InvariantCulture), "", "", adviser?.AdviserId ?? "",
                Category(status), contact?.InTouch ?? "", AccommodationKind(contact?.Accommodation), Suitability(contact?.Accommodation),
                contact?.Activity ?? "",
            ]));
        }
        return new AnnexAList("List 9", asAt, Columns, rows);
    }

    /// <summary>The category as the Children Act names it.</summary>
    public static string Category(CareLeaverStatus status) => status switch
    {
        CareLeaverStatus.Eligible => "Eligible",
        CareLeaverStatus.Relevant => "Relevant",
        CareLeaverStatus.FormerRelevant => "Former relevant",
        CareLeaverStatus.Qualifying => "Qualifying",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>ACCOM's letter (the kind of accommodation), or 0 when it is not known.</summary>
    private static string AccommodationKind(string? accom) => accom switch
    {
        null => "",
        "0" => "0",
        _ => accom[..1],
    };

    /// <summary>ACCOM's digit: 1 suitable, 2 not suitable; empty when the accommodation is not known.</summary>
    private static string Suitability(string? accom) => accom is { Length: 2 } ? accom[1] switch
    {
        '1' => "Suitable",
        '2' => "Unsuitable",
        _ => "",
    } : "";
}
