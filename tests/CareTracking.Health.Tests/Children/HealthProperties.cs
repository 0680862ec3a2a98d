using CareTracking.Health.Children;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Codes;
using CareTracking.Ssda903.Health;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CareTracking.Health.Tests.Children;

/// <summary>Properties of the schedule and the OC2 row over generated dates and histories (2015–2030, the years
/// the bank holiday list covers).</summary>
public class HealthProperties
{
    private static readonly DateOnly Epoch = new(2016, 1, 1);

    private static readonly Gen<DateOnly> Dates = Gen.Choose(0, 365 * 12).Select(Epoch.AddDays);

    private static readonly Arbitrary<(DateOnly Born, DateOnly Entered, int DaysToAssessment)> Histories = Arb.From(
        from born in Gen.Choose(0, 365 * 8).Select(d => new DateOnly(2008, 1, 1).AddDays(d))
        from enteredAfter in Gen.Choose(0, 365 * 8)
        from daysToAssessment in Gen.Choose(0, 400)
        select (born, born.AddDays(enteredAfter), daysToAssessment));

    [Property(MaxTest = 1000)]
    public Property the_initial_assessment_is_due_on_the_20th_working_day_after_entering_care() =>
        Prop.ForAll(Dates.ToArbitrary(), entered =>
        {
            var due = HealthAssessmentSchedule.InitialDue(entered, WorkingDays.England);
            return WorkingDays.England.IsWorkingDay(due)
                && WorkingDays.England.WorkingDaysBetween(entered, due) == 20
                && WorkingDays.England.WorkingDaysBetween(entered, due.AddDays(-1)) == 19;
        });

    [Property(MaxTest = 1000)]
    public Property a_review_is_due_6_months_on_while_under_5_on_that_date_and_12_months_on_otherwise() =>
        Prop.ForAll(Histories, h =>
        {
            var last = h.Entered.AddDays(h.DaysToAssessment);
            var due = HealthAssessmentSchedule.NextReviewDue(last, h.Born);
            var sixOn = CalendarMonths.Add(last, 6);
            var expected = Age.InWholeYears(h.Born, sixOn) < 5 ? sixOn : CalendarMonths.Add(last, 12);
            return due == expected && due > last && due <= last.AddDays(366);
        });

    [Property(MaxTest = 500)]
    public Property a_child_looked_after_on_a_date_always_has_an_assessment_due_and_the_latest_assessment_decides_it() =>
        Prop.ForAll(Histories, h =>
        {
            var last = h.Entered.AddDays(h.DaysToAssessment);
            var child = HealthChild.Fold([
                new CarePeriodNoted(h.Entered, "C2", h.Born, Guid.NewGuid(), 1),
                new HealthAssessmentCarriedOut(last, AssessmentKind.Initial),
            ]);
            var before = child.DueAt(last.AddDays(-1), WorkingDays.England);
            var on = child.DueAt(last, WorkingDays.England)!;
            return (last == h.Entered || before is { Kind: AssessmentKind.Initial })
                && on.Kind == AssessmentKind.Review && on.LastAssessment == last && on.DueDate == HealthAssessmentSchedule.NextReviewDue(last, h.Born);
        });

    [Property(MaxTest = 500)]
    public Property facts_dated_outside_the_collection_year_do_not_change_the_oc2_row() =>
        Prop.ForAll(Histories, Dates.ToArbitrary(), (h, outside) =>
        {
            var year = new CollectionYear(2020);
            if (year.Contains(outside)) return true;
            var inCare = new CarePeriodNoted(new DateOnly(2019, 1, 1), "C2", h.Born, Guid.NewGuid(), 1);
            var inYear = new DateOnly(2020, 10, 1);
            HealthEvent[] facts = [new DentalCheckDone(inYear), new ImmunisationsChecked(inYear, true)];
            HealthEvent[] others =
            [
                new DentalCheckDone(outside), new ImmunisationsChecked(outside, false), new HealthAssessmentCarriedOut(outside, AssessmentKind.Review),
                new ConvictionRecorded(outside), new DevelopmentCheckDone(outside), new SdqRecorded(outside, 3, null),
                new SubstanceMisuseIdentified(outside, true, true),
            ];
            return HealthChild.Fold([inCare, .. facts]).Oc2For(year) == HealthChild.Fold([inCare, .. facts, .. others]).Oc2For(year);
        });

    [Property(MaxTest = 500)]
    public Property care_period_notes_give_the_same_periods_in_any_order_of_arrival() =>
        Prop.ForAll(Gen.Shuffle(Notes()).ToArbitrary(), arrived =>
            HealthChild.Fold(arrived).Periods.SequenceEqual(HealthChild.Fold(Notes()).Periods));

    // Placements' order: a period started, ended, the ending retracted, ended again; a second period started then
    // withdrawn; a third started.
    private static HealthEvent[] Notes()
    {
        var born = new DateOnly(2010, 1, 1);
        return
        [
            new CarePeriodNoted(new(2020, 1, 6), "C2", born, new Guid("00000000-0000-0000-0000-000000000001"), 1),
            new CarePeriodEndNoted(new(2020, 1, 6), new(2020, 6, 1), "E13", new Guid("00000000-0000-0000-0000-000000000002"), 2),
            new CarePeriodReopenNoted(new(2020, 1, 6), new(2020, 6, 1), "C2", new Guid("00000000-0000-0000-0000-000000000003"), 3),
            new CarePeriodEndNoted(new(2020, 1, 6), new(2020, 9, 1), "E4A", new Guid("00000000-0000-0000-0000-000000000004"), 4),
            new CarePeriodNoted(new(2021, 2, 1), "V2", born, new Guid("00000000-0000-0000-0000-000000000005"), 5),
            new CarePeriodWithdrawalNoted(new(2021, 2, 1), new Guid("00000000-0000-0000-0000-000000000006"), 6),
            new CarePeriodNoted(new(2022, 3, 7), "C1", born, new Guid("00000000-0000-0000-0000-000000000007"), 7),
        ];
    }
}
