using CareTracking.Reviews.Children;
using CareTracking.Reviews.WorkLists;
using CareTracking.Ssda903.Calendar;
using static CareTracking.Reviews.Tests.Children.ChildSpec;

namespace CareTracking.Reviews.Tests.WorkLists;

public class ReviewTimelinessTests
{
    // Window 1 June to 30 November 2025.
    private static readonly Dictionary<string, Child> Children = new()
    {
        // Aged 10. DECOM Monday 2 June 2025; IRO allocated 2 June (5th working day is 9 June: in time).
        // 1st due 30 June, held 30 June PN1 (on time); 2nd due 30 September, held 10 October PN7 (late).
        ["X"] = Given(PeriodStarted(D(2025, 6, 2), born: D(2015, 1, 1)), new IroAllocated(D(2025, 6, 2), "IRO-1", "North"),
            new ReviewHeld(D(2025, 6, 30), "PN1"), new ReviewHeld(D(2025, 10, 10), "PN7")),
        // Aged 2. DECOM 2 June 2025; IRO allocated 10 June (after 9 June: late). Review 25 June PN0 (on time).
        ["Y"] = Given(PeriodStarted(D(2025, 6, 2), born: D(2023, 1, 1)), new IroAllocated(D(2025, 6, 10), "IRO-2", "South"),
            new ReviewHeld(D(2025, 6, 25), "PN0")),
        // Aged 15. Review posted on 20 November before the care-period message; the period began 1 December: outside.
        ["Z"] = Given(new ReviewHeld(D(2025, 11, 20), "PN2"), PeriodStarted(D(2025, 12, 1), born: D(2010, 5, 5))),
    };

    private static readonly TimelinessReport Report = ReviewTimeliness.Over(Children, D(2025, 6, 1), D(2025, 11, 30), WorkingDays.England);

    [Fact]
    public void all_reviews_held_in_the_window_count_with_those_outside_a_period_of_care_not_on_time()
    {
        // Held 4, on time 2 (X 30 June, Y 25 June): 50.0 %.
        Assert.Equal((4, 2, 50.0m, 1), (Report.All.Held, Report.All.OnTime, Report.All.PercentOnTime, Report.All.OutsidePeriodOfCare));
    }

    [Fact]
    public void participation_is_counted_by_code_and_as_a_share_of_children_aged_4_or_over()
    {
        Assert.Equal(
            new Dictionary<string, int> { ["PN0"] = 1, ["PN1"] = 1, ["PN2"] = 1, ["PN3"] = 0, ["PN4"] = 0, ["PN5"] = 0, ["PN6"] = 0, ["PN7"] = 1 },
            Report.All.ByParticipation);
        // Aged 4+: X twice and Z = 3; participated (PN1-PN6): X's PN1 and Z's PN2 = 2 of 3 = 66.7 %.
        Assert.Equal((3, 2, 66.7m), (Report.All.AgedFourOrOver, Report.All.Participated, Report.All.PercentParticipated));
    }

    [Fact]
    public void reviews_are_credited_to_the_iro_and_team_responsible_on_the_review_date()
    {
        // No IRO for Z (key none): 1 held, 0 on time. IRO-1: 2 held, 1 on time. IRO-2: 1 held, 1 on time.
        Assert.Equal([(null, 1, 0, 0.0m), ("IRO-1", 2, 1, 50.0m), ("IRO-2", 1, 1, 100.0m)],
            Report.ByIro.Select(f => (f.Key, f.Held, f.OnTime, f.PercentOnTime)));
        Assert.Equal([(null, 1), ("North", 2), ("South", 1)], Report.ByTeam.Select(f => (f.Key, f.Held)));
    }

    [Fact]
    public void iro_allocation_in_time_counts_periods_started_in_the_window()
    {
        // X and Y started 2 June (Z in December, outside the window); X in time, Y late.
        Assert.Equal(new IroAllocationFigures(2, 1, 50.0m), Report.IroAllocation);
    }

    [Fact]
    public void short_break_reviews_count_unless_left_out()
    {
        var children = new Dictionary<string, Child>
        {
            // V4 from 3 March 2025: first review due 3 June, held 2 June (on time).
            ["S"] = Given(PeriodStarted(D(2025, 3, 3), legalStatus: "V4"), new ReviewHeld(D(2025, 6, 2), "PN1")),
        };
        Assert.Equal(1, ReviewTimeliness.Over(children, D(2025, 6, 1), D(2025, 11, 30), WorkingDays.England).All.OnTime);
        Assert.Equal(0, ReviewTimeliness.Over(children, D(2025, 6, 1), D(2025, 11, 30), WorkingDays.England, includeShortBreaks: false).All.Held);
    }
}
