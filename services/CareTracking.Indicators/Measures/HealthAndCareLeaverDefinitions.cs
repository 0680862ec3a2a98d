namespace CareTracking.Indicators.Measures;

/// <summary>The printed definitions of the health and care-leaver measures (docs/measures.md, "Health and care
/// leavers"). Apart from <see cref="MeasureDefinitions.All"/> because <see cref="CommitteeIndicators"/> does not compute
/// them: the committee report adds them from the Health and Leaving-care facts (Committee/CommitteeReports.cs).</summary>
public static class HealthAndCareLeaverDefinitions
{
    private const string Oc2Year = "OC2 cohort of the collection year (the report's, or the last to end before its as-at date): looked after continuously for 12 months at 31 March, no short break in the year.";
    private const string Oc3Year = "OC3 cohort of the collection year: care leavers whose 17th–21st birthday falls in it (relevant at 17, former relevant at 18–21), with the contact nearest the birthday from 3 months before to 1 month after.";

    public static IReadOnlyList<MeasureDefinition> All { get; } =
    [
        new("oc2Cohort", Oc2Year),
        new("oc2HealthAssessmentPct", $"Of the OC2 cohort: % with a health assessment in the year. {Oc2Year}"),
        new("oc2ImmunisationsPct", "Of the OC2 cohort: % whose latest immunisation check in the year found them up to date."),
        new("oc2DentalCheckPct", "Of the OC2 cohort: % with a dental check in the year."),
        new("oc2DevelopmentCheckPct", "Of the OC2 cohort under 5 at 31 March: % with a development check in the year."),
        new("sdqAverage", "Average SDQ total difficulties score (0–40) of the OC2 cohort aged 4–16 who have a score; the latest in the year."),
        new("sdqScoredPct", "Of the OC2 cohort aged 4–16 (4 or over at 31 March, 16 or under on 1 April): % with an SDQ score in the year."),
        new("substanceMisusePct", "Of the OC2 cohort: % identified as having a substance misuse problem in the year."),
        new("substanceMisuseInterventionOfferedPct", "Of those with a substance misuse problem: % offered an intervention."),
        new("substanceMisuseInterventionReceivedPct", "Of those with a substance misuse problem: % who received an intervention."),
        new("convictedPct", "Of the OC2 cohort aged 10 or over at 31 March: % convicted or given a youth caution in the year."),
        new("initialHealthAssessmentRequestedIn48hPct", "Periods of care (not short breaks) starting in the window: % whose initial health assessment was requested within 2 calendar days of DECOM."),
        new("initialHealthAssessmentIn20WorkingDaysPct", "Periods of care starting in the window whose 20th working day after DECOM falls by the end of the window, the child still looked after that day: % with a health assessment by then."),
        new("healthAssessmentsUpToDatePct", "Children looked after at the as-at date (not short breaks) and in the current period for at least 20 working days: % whose next health assessment is not overdue (initial within 20 working days; reviews every 6 months under 5, 12 months from 5)."),
        new("healthAssessmentsOverdue", "Children looked after at the as-at date, in care for at least 20 working days, whose next health assessment is overdue."),
        new("oc3Cohort", Oc3Year),
        new("careLeaversInTouchPct", "Of the OC3 cohort: % in touch (IN_TOUCH = YES)."),
        new("careLeaversEetPct", "Of the OC3 cohort except those who returned home for 6 months or more (RHOM): % in education, employment or training (ACTIV F1, P1, F2, P2, F4, P4, F5, P5)."),
        new("careLeaversSuitableAccommodationPct", "Of the OC3 cohort: % in suitable accommodation (ACCOM ending in 1)."),
        new("careLeaversStayingPutPct", "Of the OC3 cohort at their 18th–21st birthday: % in a staying-put arrangement on the birthday."),
        new("careLeaversWithPersonalAdviserPct", "Of the OC3 cohort: % with a personal adviser allocated by the birthday."),
    ];
}
