using CareTracking.Health.Children;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Codes;
using CareTracking.Ssda903.Health;
using static CareTracking.Health.Tests.Children.HealthSpec;

namespace CareTracking.Health.Tests.Children;

public class ChildHealthViewTests
{
    [Fact]
    public void the_view_shows_what_is_recorded_what_is_due_and_the_oc2_row()
    {
        // In care from Monday 2 June 2025, initial due Monday 30 June; as at 1 July it is overdue.
        var child = Given(PeriodStarted(D(2025, 6, 2)), new DentalCheckDone(D(2025, 6, 10)), new HealthPassportGiven(D(2025, 6, 11)));
        var view = ChildHealthView.Of(child, D(2025, 7, 1), new CollectionYear(2024), WorkingDays.England);
        Assert.Equal([D(2025, 6, 10)], view.Recorded.DentalChecks);
        Assert.Equal([D(2025, 6, 11)], view.HealthPassports);
        Assert.Equal(new HealthAssessmentDue(AssessmentKind.Initial, D(2025, 6, 30), null), view.NextDue);
        Assert.True(view.Overdue);
        Assert.Null(view.Oc2); // not in care in 2024/25
        Assert.Empty(view.Flags);
    }

    [Fact]
    public void facts_accepted_before_the_care_period_arrived_are_flagged_when_it_shows_them_wrong()
    {
        // Posted while no period was known: accepted. Then Placements announces a period from 2 June 2025 for a
        // child born 2 July 2015 (9 until 1 July 2025) and its end on 1 September.
        var facts = new HealthEvent[]
        {
            new ConvictionRecorded(D(2025, 6, 20)),
            new DentalCheckDone(D(2025, 5, 1)),
            new DentalCheckDone(D(2025, 9, 2)),
        };
        var child = Given([.. facts, PeriodStarted(D(2025, 6, 2), born: D(2015, 7, 2)), PeriodEnded(D(2025, 6, 2), D(2025, 9, 1))]);
        var view = ChildHealthView.Of(child, D(2025, 12, 1), new CollectionYear(2025), WorkingDays.England);
        // 1 May is before the period (refused now); 2 September is after the latest ended (a later period may
        // still be announced), so it is not flagged.
        Assert.Equal(
            [new HealthFlag("dental-check", D(2025, 5, 1), "dental-check.not-looked-after"), new HealthFlag("conviction", D(2025, 6, 20), "conviction.under-10")],
            view.Flags);
    }
}
