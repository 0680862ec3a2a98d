using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Model;
using CareTracking.Ssda903.CareLeavers;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

/// <summary>
/// One hand-worked OC3 cohort for the year ending 31 March 2026. P left care at 16 and turns 17 on 10 May 2025;
/// Q left care on the 18th birthday, 1 June 2025; R (20 on 1 September 2025) and T (21 on 1 December 2025) left at
/// 18 years before; S turns 17 on 1 October 2025 still looked after, so is not in OC3.
/// </summary>
public class CareLeaverIndicatorsTests
{
    private static CareLeaverFacts Facts(CareLeaverContact[]? contacts = null, PersonalAdviserAllocation[]? advisers = null, LivingArrangement[]? stayingPut = null) =>
        new(contacts ?? [], advisers ?? [], stayingPut ?? [], [], []);

    private static readonly CareLeaverRecord[] Population =
    [
        new(Child("P", Episode("2024-03-01", "S", "U4", "2025-03-01", "E5")).BornOn("2008-05-10"),
            Facts([new(D("2025-05-20"), "YES", "F2", "D1")], [new(D("2024-09-02"), "PA-1")])),
        new(Child("Q", Episode("2023-01-01", "S", "U4", "2025-06-01", "E17")).BornOn("2007-06-01"),
            Facts([new(D("2025-06-01"), "YES", "G5", "Z1")], stayingPut: [new(D("2025-06-01"), null)])),
        new(Child("R", Episode("2021-01-01", "S", "U4", "2023-09-01", "E17")).BornOn("2005-09-01"),
            Facts([new(D("2025-08-01"), "RHOM", "0", "B1")], [new(D("2023-09-01"), "PA-2")])),
        new(Child("S", Episode("2024-01-01", "S", "U4")).BornOn("2008-10-01"), Facts([new(D("2025-10-01"), "YES", "F2", "C1")])),
        new(Child("T", Episode("2020-01-01", "S", "U4", "2022-12-01", "E17")).BornOn("2004-12-01"),
            Facts([new(D("2025-11-01"), "NO", "0", "R2")])),
    ];

    private static readonly IReadOnlyDictionary<string, Measure> Measures = CareLeaverIndicators.Compute(Population, ReportWindow.ForYear(2026));

    [Fact]
    public void the_oc3_cohort_leaves_out_a_17_year_old_still_looked_after() =>
        Assert.Equal(Measure.Count(4), Measures["oc3Cohort"]);

    [Fact]
    public void in_touch_eet_and_suitable_accommodation()
    {
        Assert.Equal(new Measure(50m, 2, 4), Measures["careLeaversInTouchPct"]); // P, Q
        Assert.Equal(new Measure(33.3m, 1, 3), Measures["careLeaversEetPct"]); // P of P, Q, T (R returned home)
        Assert.Equal(new Measure(75m, 3, 4), Measures["careLeaversSuitableAccommodationPct"]); // D1, Z1, B1; not R2
    }

    [Fact]
    public void staying_put_is_over_the_18th_to_21st_birthdays_and_advisers_over_the_cohort()
    {
        Assert.Equal(new Measure(33.3m, 1, 3), Measures["careLeaversStayingPutPct"]); // Q of Q, R, T
        Assert.Equal(new Measure(50m, 2, 4), Measures["careLeaversWithPersonalAdviserPct"]); // P, R
    }
}
