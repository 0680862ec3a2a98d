using CareTracking.Health.Children;
using CareTracking.Health.WorkLists;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Health;
using static CareTracking.Health.Tests.Children.HealthSpec;

namespace CareTracking.Health.Tests.WorkLists;

public class HealthWorkListTests
{
    // Entered care Monday 2 June 2025: initial due Monday 30 June. Entered Monday 9 June: due Monday 7 July.
    // Assessed 1 July 2024 (born 2012): review due 1 July 2025.
    private static readonly (string, HealthChild)[] Children =
    [
        ("A", Given(PeriodStarted(D(2025, 6, 2)))),
        ("B", Given(PeriodStarted(D(2025, 6, 9)))),
        ("C", Given(PeriodStarted(D(2024, 6, 3)), new HealthAssessmentCarriedOut(D(2024, 7, 1), AssessmentKind.Initial))),
        ("D", Given(PeriodStarted(D(2025, 6, 2), "V3"))),
    ];

    [Fact]
    public void due_within_n_working_days_counts_from_the_as_at_date()
    {
        // As at Monday 23 June 2025: 5 working days on is Monday 30 June; 11 is Tuesday 8 July.
        Assert.Equal(["A"], HealthWorkList.DueWithin(Children, D(2025, 6, 23), 5, WorkingDays.England).Select(i => i.ChildId));
        var within11 = HealthWorkList.DueWithin(Children, D(2025, 6, 23), 11, WorkingDays.England);
        Assert.Equal(
            [new HealthWorkItem("A", AssessmentKind.Initial, D(2025, 6, 30), null, 5), new HealthWorkItem("C", AssessmentKind.Review, D(2025, 7, 1), D(2024, 7, 1), 6),
             new HealthWorkItem("B", AssessmentKind.Initial, D(2025, 7, 7), null, 10)],
            within11);
    }

    [Fact]
    public void overdue_lists_assessments_past_their_due_date_with_working_days_since()
    {
        // As at Wednesday 2 July 2025: A due 30 June (2 working days ago), C due 1 July (1).
        Assert.Equal(
            [new HealthWorkItem("A", AssessmentKind.Initial, D(2025, 6, 30), null, -2), new HealthWorkItem("C", AssessmentKind.Review, D(2025, 7, 1), D(2024, 7, 1), -1)],
            HealthWorkList.Overdue(Children, D(2025, 7, 2), WorkingDays.England));
    }
}
