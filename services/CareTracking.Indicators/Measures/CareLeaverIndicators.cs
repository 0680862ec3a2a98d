using CareTracking.Indicators.Model;
using CareTracking.Ssda903.CareLeavers;

namespace CareTracking.Indicators.Measures;

/// <summary>
/// The committee's care-leaver measures over the OC3 cohort of a collection year (docs/measures.md, "Health and
/// care leavers"), each with its numerator and denominator. Pure. On the committee report, over the Leaving-care
/// service's facts.
/// </summary>
public static class CareLeaverIndicators
{
    public static IReadOnlyDictionary<string, Measure> Compute(IEnumerable<CareLeaverRecord> records, ReportWindow window)
    {
        var year = HealthAndCareLeaverPeriods.YearOf(window);
        var rows = records
            .Where(r => r.History.DateOfBirth is not null)
            .Select(r => (Record: r, Row: Oc3.RowFor(HealthAndCareLeaverPeriods.CareHistoryOf(r.History), r.History.DateOfBirth!.Value, r.Facts.Contacts, year)))
            .Where(r => r.Row is not null)
            .Select(r => (r.Record, Row: r.Row!))
            .ToList();

        var measures = new OrderedDictionary<string, Measure>
        {
            ["oc3Cohort"] = Measure.Count(rows.Count),
            ["careLeaversInTouchPct"] = Measure.Percent(rows.Count(r => r.Row.InTouch == "YES"), rows.Count),
        };

        // EET leaves out young people who returned home to their parents for 6 months or more (IN_TOUCH RHOM).
        var notReturnedHome = rows.Where(r => r.Row.InTouch != "RHOM").ToList();
        measures["careLeaversEetPct"] = Measure.Percent(
            notReturnedHome.Count(r => r.Row.Activity is { } a && Oc3Codes.InEducationEmploymentOrTraining.Contains(a)), notReturnedHome.Count);
        measures["careLeaversSuitableAccommodationPct"] = Measure.Percent(rows.Count(r => r.Row.Accommodation is { } a && Oc3Codes.IsSuitable(a)), rows.Count);

        // Staying put begins at 18, so it is counted over the rows of the 18th to 21st birthdays.
        var eighteenPlus = rows.Where(r => r.Row.Age >= 18).ToList();
        measures["careLeaversStayingPutPct"] = Measure.Percent(
            eighteenPlus.Count(r => r.Record.Facts.StayingPut.Any(s => s.Contains(r.Row.Birthday))), eighteenPlus.Count);
        measures["careLeaversWithPersonalAdviserPct"] = Measure.Percent(
            rows.Count(r => r.Record.Facts.PersonalAdvisers.Any(a => a.Date <= r.Row.Birthday)), rows.Count);
        return measures;
    }
}
