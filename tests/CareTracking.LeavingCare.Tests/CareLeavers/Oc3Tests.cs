using CareTracking.LeavingCare.CareLeavers;
using CareTracking.Ssda903.CareLeavers;
using CareTracking.Ssda903.Codes;
using static CareTracking.LeavingCare.Tests.CareLeavers.CareLeaverSpec;

namespace CareTracking.LeavingCare.Tests.CareLeavers;

/// <summary>Born 10 May 2008: the 17th birthday falls in 2025/26, the 18th in 2026/27, the 21st in 2029/30.</summary>
public class Oc3Tests
{
    private static ContactRecorded Contact(DateOnly date, string inTouch = "YES", string activity = "F2", string accommodation = "D1") =>
        new(date, inTouch, activity, accommodation);

    private static CareLeaver LeftCareAt16(params CareLeaverEvent[] facts) =>
        CareLeaver.Fold([.. InCareFromMarch2024(D(2025, 3, 1)).CareNotesAsEvents(), .. facts]);

    [Fact]
    public void the_contact_nearest_the_17th_birthday_within_3_months_before_and_1_month_after_is_the_row()
    {
        // Window 10 February to 10 June 2025. 9 February and 11 June are outside; 20 May is 10 days after.
        var child = LeftCareAt16(Contact(D(2025, 2, 9), "NO"), Contact(D(2025, 3, 10), activity: "G5"),
            Contact(D(2025, 5, 20), accommodation: "E1"), Contact(D(2025, 6, 11), "REFU"));
        Assert.Equal(new Oc3Row(D(2025, 5, 10), 17, CareLeaverStatus.Relevant, new CareLeaverContact(D(2025, 5, 20), "YES", "F2", "E1")),
            child.Oc3For(new CollectionYear(2025)));
    }

    [Fact]
    public void of_two_contacts_equally_near_the_birthday_the_later_is_taken() =>
        Assert.Equal(D(2025, 5, 15), LeftCareAt16(Contact(D(2025, 5, 5), "NO"), Contact(D(2025, 5, 15))).Oc3For(new CollectionYear(2025))!.Contact!.Date);

    [Fact]
    public void the_window_edges_count()
    {
        Assert.Equal(D(2025, 2, 10), LeftCareAt16(Contact(D(2025, 2, 10))).Oc3For(new CollectionYear(2025))!.Contact!.Date);
        Assert.Equal(D(2025, 6, 10), LeftCareAt16(Contact(D(2025, 6, 10))).Oc3For(new CollectionYear(2025))!.Contact!.Date);
    }

    [Fact]
    public void a_care_leaver_in_the_cohort_without_a_contact_in_the_window_has_blank_codes()
    {
        var row = LeftCareAt16().Oc3For(new CollectionYear(2025))!;
        Assert.Equal((17, (string?)null, (string?)null, (string?)null), (row.Age, row.InTouch, row.Activity, row.Accommodation));
    }

    [Fact]
    public void a_17_year_old_still_looked_after_on_the_birthday_is_not_in_oc3_but_is_at_18()
    {
        var child = InCareFromMarch2024(D(2026, 5, 10), "E17");
        Assert.Null(child.Oc3For(new CollectionYear(2025)));
        Assert.Equal((18, CareLeaverStatus.FormerRelevant), (child.Oc3For(new CollectionYear(2026))!.Age, child.Oc3For(new CollectionYear(2026))!.Status));
    }

    [Fact]
    public void the_21st_birthday_row_takes_the_status_on_the_day_before()
    {
        var row = LeftCareAt16().Oc3For(new CollectionYear(2029))!;
        Assert.Equal((D(2029, 5, 10), 21), (row.Birthday, row.Age));
        Assert.Null(LeftCareAt16().Oc3For(new CollectionYear(2030)));
    }

    [Fact]
    public void a_qualifying_young_person_is_not_in_oc3()
    {
        var child = Given(Started(D(2024, 5, 1)), Ended(D(2024, 5, 1), D(2024, 6, 1), "E13"));
        Assert.Null(child.Oc3For(new CollectionYear(2025)));
    }
}

internal static class CareLeaverTestExtensions
{
    public static IEnumerable<CareLeaverEvent> CareNotesAsEvents(this CareLeaver child) =>
        child.CareNotes.Select(n => n.Kind switch
        {
            CareNoteKind.Started => (CareLeaverEvent)new CarePeriodNoted(n.StartDate, n.LegalStatus!, n.DateOfBirth!.Value, Guid.NewGuid(), n.SourceVersion),
            CareNoteKind.Ended => new CarePeriodEndNoted(n.StartDate, n.EndDate!.Value, n.ReasonEnded!, Guid.NewGuid(), n.SourceVersion),
            _ => throw new InvalidOperationException(),
        });
}
