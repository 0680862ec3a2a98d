using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Health;

namespace CareTracking.Indicators.Measures;

/// <summary>
/// The committee's health measures (docs/measures.md, "Health and care leavers"), each with its numerator and
/// denominator. Pure: the same records and window always give the same figures. On the committee report beside
/// <see cref="CommitteeIndicators"/>' measures, over the Health service's facts.
/// </summary>
public static class HealthIndicators
{
    /// <summary>"Within 48 hours": the request dated no more than 2 calendar days after DECOM (requests are
    /// dated, not timed).</summary>
    public const int RequestWithinDays = 2;

    public static IReadOnlyDictionary<string, Measure> Compute(IEnumerable<ChildHealthRecord> records, ReportWindow window, WorkingDays workingDays)
    {
        var children = records.Select(r => (Record: r, Periods: HealthAndCareLeaverPeriods.PeriodsOf(r.History))).ToList();
        var measures = new OrderedDictionary<string, Measure>();
        Oc2Measures(children, window, measures);
        Timeliness(children, window, workingDays, measures);
        return measures;
    }

    private static void Oc2Measures(
        List<(ChildHealthRecord Record, IReadOnlyList<Ssda903.Reviews.PeriodOfCare> Periods)> children, ReportWindow window, OrderedDictionary<string, Measure> measures)
    {
        var year = HealthAndCareLeaverPeriods.YearOf(window);
        var rows = children
            .Select(c => Oc2.For(c.Periods, c.Record.History.DateOfBirth, c.Record.Health, year))
            .OfType<Oc2Row>()
            .ToList();

        measures["oc2Cohort"] = Measure.Count(rows.Count);
        measures["oc2HealthAssessmentPct"] = Measure.Percent(rows.Count(r => r.HealthAssessment), rows.Count);
        measures["oc2ImmunisationsPct"] = Measure.Percent(rows.Count(r => r.Immunisations), rows.Count);
        measures["oc2DentalCheckPct"] = Measure.Percent(rows.Count(r => r.TeethCheck), rows.Count);
        measures["oc2DevelopmentCheckPct"] = Measure.Percent(rows.Count(r => r.HealthCheck == true), rows.Count(r => r.HealthCheck is not null));

        // The SDQ is asked of the cohort aged 4 to 16 (a score or a reason, or both blank when none was recorded).
        var sdqAsked = children
            .Where(c => c.Record.History.DateOfBirth is { } born
                && Age.InWholeYears(born, year.LastDay) >= 4 && Age.InWholeYears(born, year.FirstDay) <= 16)
            .Select(c => Oc2.For(c.Periods, c.Record.History.DateOfBirth, c.Record.Health, year))
            .OfType<Oc2Row>()
            .ToList();
        var scores = sdqAsked.Where(r => r.SdqScore is not null).Select(r => r.SdqScore!.Value).ToList();
        measures["sdqAverage"] = Measure.Ratio(scores.Sum(), scores.Count);
        measures["sdqScoredPct"] = Measure.Percent(scores.Count, sdqAsked.Count);

        var misuse = rows.Where(r => r.SubstanceMisuse).ToList();
        measures["substanceMisusePct"] = Measure.Percent(misuse.Count, rows.Count);
        measures["substanceMisuseInterventionOfferedPct"] = Measure.Percent(misuse.Count(r => r.InterventionOffered == true), misuse.Count);
        measures["substanceMisuseInterventionReceivedPct"] = Measure.Percent(misuse.Count(r => r.InterventionReceived == true), misuse.Count);
        measures["convictedPct"] = Measure.Percent(rows.Count(r => r.Convicted == true), rows.Count(r => r.Convicted is not null));
    }

    private static void Timeliness(
        List<(ChildHealthRecord Record, IReadOnlyList<Ssda903.Reviews.PeriodOfCare> Periods)> children, ReportWindow window, WorkingDays workingDays,
        OrderedDictionary<string, Measure> measures)
    {
        int started = 0, requestedInTime = 0, dueByEnd = 0, doneInTime = 0;
        foreach (var (record, periods) in children)
        {
            foreach (var period in periods.Where(p => !p.IsShortBreak && window.Contains(p.Start)))
            {
                started++;
                if (record.Health.AssessmentRequests.Any(r => r.Kind == AssessmentKind.Initial
                        && r.RequestedOn >= period.Start && r.RequestedOn <= period.Start.AddDays(RequestWithinDays)))
                    requestedInTime++;

                // Only periods whose 20 working days have run by the end of the window, with the child still in care.
                var due = HealthAssessmentSchedule.InitialDue(period.Start, workingDays);
                if (due > window.To || !period.Contains(due)) continue;
                dueByEnd++;
                if (record.Health.Assessments.Any(a => a.Date >= period.Start && a.Date <= due)) doneInTime++;
            }
        }

        measures["initialHealthAssessmentRequestedIn48hPct"] = Measure.Percent(requestedInTime, started);
        measures["initialHealthAssessmentIn20WorkingDaysPct"] = Measure.Percent(doneInTime, dueByEnd);

        // At D: children looked after (not on a short break) for at least 20 working days in the current period.
        var asAt = window.AsAt;
        int counted = 0, upToDate = 0;
        foreach (var (record, periods) in children)
        {
            var period = periods.LastOrDefault(p => !p.IsShortBreak && p.Contains(asAt));
            if (period is null || HealthAssessmentSchedule.InitialDue(period.Start, workingDays) > asAt) continue;
            counted++;
            var due = HealthAssessmentSchedule.DueAt(periods, record.History.DateOfBirth, record.Health.Assessments, asAt, workingDays);
            if (due is not null && !due.IsOverdueOn(asAt)) upToDate++;
        }

        measures["healthAssessmentsUpToDatePct"] = Measure.Percent(upToDate, counted);
        measures["healthAssessmentsOverdue"] = Measure.Count(counted - upToDate);
    }
}
