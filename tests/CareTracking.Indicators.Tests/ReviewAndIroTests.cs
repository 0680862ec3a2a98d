using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Model;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

// The due dates below are worked out by hand from the statutory schedule in docs/measures.md and England's
// bank holidays, and written into the stand-in schedule; the measures must use them as given, on the
// right clock from the right start.
public class ReviewAndIroTests
{
    private static readonly ReportWindow Window = ReportWindow.EndingOn(D("2024-09-30"));

    private static CommitteeReport Report(HandComputedReviewSchedule schedule, IndicatorSwitches switches, params ChildHistory[] children) =>
        new CommitteeIndicators(schedule).Compute(children, Window, switches, ReferenceFigures.None);

    private static CommitteeReport Report(HandComputedReviewSchedule schedule, params ChildHistory[] children) =>
        Report(schedule, IndicatorSwitches.Default, children);

    [Fact]
    public void a_first_review_held_on_the_20th_working_day_over_easter_is_on_time_and_the_day_after_is_late()
    {
        // DECOM Fri 01/03/2024 is day 0. Working days: 4-8 Mar (5), 11-15 (10), 18-22 (15), 25-28 (19);
        // Good Friday 29/03 and Easter Monday 01/04 are bank holidays; Tue 02/04 is the 20th: due 02/04/2024.
        // A held 02/04 (on time), B held 03/04 (late). 1/2 = 50.0.
        var schedule = new HandComputedReviewSchedule()
            .Due(ReviewClock.PeriodOfCare, "2024-03-01", "2024-04-02", "2024-04-02")
            .Due(ReviewClock.PeriodOfCare, "2024-03-01", "2024-04-03", "2024-04-02");
        var a = Child("A", Episode("2024-03-01", "S", "U4")).WithReviews(Review("2024-04-02"));
        var b = Child("B", Episode("2024-03-01", "S", "U4")).WithReviews(Review("2024-04-03"));

        Assert.Equal(new Measure(50.0m, 1, 2), Report(schedule, a, b)["reviewsOnTimePct"]);
    }

    [Fact]
    public void a_placement_change_does_not_reset_the_clock_but_a_new_period_of_care_does()
    {
        // Period 1 from 01/03/2024: first review 02/04/2024 (due 02/04, as above); a move to K2 on
        // 01/05/2024; second review due 3 months after the first was held, 02/07/2024, held 03/07: late.
        // Care ends 15/07/2024; period 2 from Thu 01/08/2024: 20 working days (no bank holiday until
        // 26/08) = 2-29 Aug: due Thu 29/08/2024, held 28/08: on time. 2/3 = 66.7.
        var schedule = new HandComputedReviewSchedule()
            .Due(ReviewClock.PeriodOfCare, "2024-03-01", "2024-04-02", "2024-04-02")
            .Due(ReviewClock.PeriodOfCare, "2024-03-01", "2024-07-03", "2024-07-02")
            .Due(ReviewClock.PeriodOfCare, "2024-08-01", "2024-08-28", "2024-08-29");
        var child = Child("C1",
            Episode("2024-03-01", "S", "U4", "2024-05-01", "X1"),
            Episode("2024-05-01", "P", "K2", "2024-07-15", "E4A"),
            Episode("2024-08-01", "S", "U6"))
            .WithReviews(Review("2024-04-02"), Review("2024-07-03"), Review("2024-08-28"));

        Assert.Equal(new Measure(66.7m, 2, 3), Report(schedule, child)["reviewsOnTimePct"]);
    }

    [Fact]
    public void only_reviews_held_in_the_window_count_though_earlier_ones_set_the_clock()
    {
        // Period from 01/06/2023; reviews 29/06/2023 (before the window), then 28/09/2023 - the second
        // is due 3 months after the first, 29/09/2023 - before the window too, then 20/03/2024 due
        // 28/03/2024 (6 months after 28/09/2023): in the window, on time. 1/1 = 100.0.
        var schedule = new HandComputedReviewSchedule()
            .Due(ReviewClock.PeriodOfCare, "2023-06-01", "2023-06-29", "2023-06-29")
            .Due(ReviewClock.PeriodOfCare, "2023-06-01", "2023-09-28", "2023-09-29")
            .Due(ReviewClock.PeriodOfCare, "2023-06-01", "2024-03-20", "2024-03-28");
        var child = Child("C1", Episode("2023-06-01", "S", "U4"))
            .WithReviews(Review("2023-06-29"), Review("2023-09-28"), Review("2024-03-20"));

        Assert.Equal(new Measure(100.0m, 1, 1), Report(schedule, child)["reviewsOnTimePct"]);
    }

    [Fact]
    public void short_break_reviews_run_on_their_own_clock_and_count_unless_the_switch_leaves_them_out()
    {
        // V3 breaks from 05/01/2024; first review due 3 months after the first break: 05/04/2024, held
        // 10/04 between breaks: late. A looked-after child's review on time (due 02/04, held 02/04).
        // Default 1/2 = 50.0; with short-break reviews left out 1/1 = 100.0.
        var schedule = new HandComputedReviewSchedule()
            .Due(ReviewClock.ShortBreaks, "2024-01-05", "2024-04-10", "2024-04-05")
            .Due(ReviewClock.PeriodOfCare, "2024-03-01", "2024-04-02", "2024-04-02");
        var respite = Child("R1",
            Episode("2024-01-05", "S", "K2", "2024-01-08", "E4A", ls: "V3"),
            Episode("2024-03-01", "S", "K2", "2024-03-04", "E4A", ls: "V3"),
            Episode("2024-05-03", "S", "K2", "2024-05-06", "E4A", ls: "V3"))
            .WithReviews(Review("2024-04-10"));
        var inCare = Child("C1", Episode("2024-03-01", "S", "U4")).WithReviews(Review("2024-04-02"));

        Assert.Equal(new Measure(50.0m, 1, 2), Report(schedule, respite, inCare)["reviewsOnTimePct"]);
        Assert.Equal(new Measure(100.0m, 1, 1),
            Report(schedule, new IndicatorSwitches(LeaveShortBreakReviewsOutOfTimeliness: true), respite, inCare)["reviewsOnTimePct"]);
    }

    [Fact]
    public void participation_is_by_review_code_and_the_child_participated_share_is_of_those_aged_4_or_over()
    {
        // Born 10/04/2020: review 09/04/2024 aged 3 (PN0, not asked); 10/04/2024 aged 4 (PN7, did not);
        // 02/09/2024 aged 4 (PN1, did). Reviews 3: PN0 1/3 = 33.3, PN7 33.3, PN1 33.3.
        // Participated 1 of the 2 aged 4+: 50.0.
        var schedule = new HandComputedReviewSchedule()
            .Due(ReviewClock.PeriodOfCare, "2024-03-01", "2024-04-09", "2024-04-02")
            .Due(ReviewClock.PeriodOfCare, "2024-03-01", "2024-04-10", "2024-07-09")
            .Due(ReviewClock.PeriodOfCare, "2024-03-01", "2024-09-02", "2024-10-10");
        var child = Child("C1", Episode("2024-03-01", "S", "U4")).BornOn("2020-04-10")
            .WithReviews(Review("2024-04-09", "PN0"), Review("2024-04-10", "PN7"), Review("2024-09-02", "PN1"));

        var report = Report(schedule, child);

        Assert.Equal(new Measure(33.3m, 1, 3), report["participation.PN0"]);
        Assert.Equal(new Measure(33.3m, 1, 3), report["participation.PN7"]);
        Assert.Equal(new Measure(0.0m, 0, 3), report["participation.PN5"]);
        Assert.Equal(new Measure(50.0m, 1, 2), report["childParticipatedPct"]);
    }

    [Fact]
    public void an_iro_allocated_on_the_5th_working_day_after_decom_is_in_time_and_later_or_never_is_not()
    {
        // DECOM Thu 28/03/2024 (day 0); Good Friday and Easter Monday are not working days:
        // Tue 02/04 (1), 03/04 (2), 04/04 (3), 05/04 (4), Mon 08/04 (5): deadline 08/04/2024.
        // A allocated 08/04: in time. B allocated 09/04: late. C: no allocation: not in time.
        // D: the only allocation (27/03) is before DECOM, from before this period: not in time.
        // The period starting 01/06/2023 (before the window) is not counted. 1/4 = 25.0.
        var schedule = new HandComputedReviewSchedule().IroDeadline("2024-03-28", "2024-04-08");
        static ChildHistory Started(string id, params string[] allocations) =>
            Child(id, Episode("2024-03-28", "S", "U4")) with
            {
                IroAllocations = allocations.Select(a => new IroAllocationRecord(D(a))).ToArray(),
            };
        var before = Child("E", Episode("2023-06-01", "S", "U4"));

        var report = Report(schedule, Started("A", "2024-04-08"), Started("B", "2024-04-09"), Started("C"), Started("D", "2024-03-27"), before);

        Assert.Equal(new Measure(25.0m, 1, 4), report["iroAllocatedIn5DaysPct"]);
    }

    [Fact]
    public void an_iro_allocation_belongs_to_the_period_of_care_it_falls_in()
    {
        // Period 1 from Thu 28/03/2024 (deadline Mon 08/04/2024, as above), returned home 01/04/2024.
        // Period 2 from Wed 03/04/2024: 04/04 (1), 05/04 (2), 08/04 (3), 09/04 (4), 10/04 (5): deadline
        // 10/04/2024. One allocation, 04/04/2024: after period 2 began, so period 2's (in time), though it
        // would have been in time for period 1 too; period 1 has none. 1/2 = 50.0.
        var schedule = new HandComputedReviewSchedule()
            .IroDeadline("2024-03-28", "2024-04-08")
            .IroDeadline("2024-04-03", "2024-04-10");
        var child = Child("C1",
            Episode("2024-03-28", "S", "U4", "2024-04-01", "E4B"),
            Episode("2024-04-03", "S", "U6")) with
        {
            IroAllocations = [new IroAllocationRecord(D("2024-04-04"))],
        };

        Assert.Equal(new Measure(50.0m, 1, 2), Report(schedule, child)["iroAllocatedIn5DaysPct"]);
    }
}
