namespace CareTracking.Indicators.Measures;

/// <summary>The printed definitions of the adoption, permanence and social-worker measures (docs/measures.md,
/// "Adoption and permanence"); part of <see cref="MeasureDefinitions.All"/>.</summary>
public static class AdoptionDefinitions
{
    private const string Adopted = "Adopted: a period of care (short breaks excluded) ending with REC E11 or E12; the adoption order is its DEC.";
    private const string ThreeYears = "3y: the children adopted in the three 12-month windows ending with the report's (for a collection year, the three collection years ending with it).";
    private const string Average = "Average in whole days (halves away from zero); numerator = total days, denominator = children.";
    private const string VsThreshold = "The average above minus its threshold, in days: positive is slower than the threshold.";

    public static IReadOnlyList<MeasureDefinition> All { get; } =
    [
        new("adoptions", $"Children adopted in the window. {Adopted}"),
        new("adoptions3y", $"Children adopted in the three years. {ThreeYears}"),
        new("specialGuardianshipOrders", "Periods of care ending in the window with a special guardianship order (REC E45–E48). Short breaks excluded."),
        new("adoptionA1Days", $"A1: average days from entering care (DECOM of the first episode of the period ending in adoption) to moving in with the adoptive family (DECOM of the period's first A3–A6 episode), children adopted in the window. {Average} Threshold 426 days."),
        new("adoptionA1Days3y", $"A1 over three years. {ThreeYears} {Average} Threshold 426 days."),
        new("adoptionA2Days", $"A2: average days from court authority to place (DECOM of the period's first LS E1 episode, the placement order; with no placement order in the period, the parents' consent to placement for adoption recorded under the decision the match followed) to the match with the adopters (AD1 DATE_MATCH, the last match in the period), children adopted in the window. Children with neither a placement order nor a recorded consent, or without a recorded match, are left out (see adoptionA2NotMeasured). {Average} Threshold 121 days."),
        new("adoptionA2Days3y", $"A2 over three years. {ThreeYears} {Average} Threshold 121 days."),
        new("adoptionA2NotMeasured", "Children adopted in the window left out of A2: no placement order episode (LS E1) in the period and no consent to placement recorded (the 903 does not carry the consent, so an imported child placed with consent is here until it is posted), or no match recorded."),
        new("adoptionA10Days", $"A10: A1 with the foster-carer adjustment: when the child was adopted by the foster carers (first adoptive placement A3/A5, or AD1 FOSTER_CARE = 1) it counts to the start of the same-carer run ending in the adoption (the day the child moved in with those carers; RNE T/U continue the run whatever the same-carer switch says). {Average} Threshold 426 days."),
        new("adoptionA10Days3y", $"A10 over three years. {ThreeYears} {Average} Threshold 426 days."),
        new("adoptionA1DaysVsThreshold", VsThreshold + " Threshold 426."),
        new("adoptionA1Days3yVsThreshold", VsThreshold + " Threshold 426."),
        new("adoptionA2DaysVsThreshold", VsThreshold + " Threshold 121."),
        new("adoptionA2Days3yVsThreshold", VsThreshold + " Threshold 121."),
        new("adoptionA10DaysVsThreshold", VsThreshold + " Threshold 426."),
        new("adoptionA10Days3yVsThreshold", VsThreshold + " Threshold 426."),
        new("adoptionWithin426DaysPct", "Of children adopted in the window: % who moved in with their adoptive family (A10's date, with the foster-carer adjustment) within 426 days of entering care."),
        new("adoptionWithin426DaysPct3y", $"As adoptionWithin426DaysPct over three years. {ThreeYears}"),
        new("adoptionMinorityEthnicPct", "A6: of children adopted in the window whose ethnicity is known: % from Black and minority ethnic backgrounds (ETHNIC not beginning W). Not obtained (NOBT) and refused (REFU) are left out."),
        new("adoptionMinorityEthnicPct3y", $"A6 over three years. {ThreeYears}"),
        new("adoptionAgedFivePlusPct", "A7: of children adopted in the window: % aged 5 or over (whole years) on the date of the adoption order."),
        new("adoptionAgedFivePlusPct3y", $"A7 over three years. {ThreeYears}"),
        new("adoptionDecisions", "Decisions that a child should be placed for adoption (PlacedAdoption DATE_PLACED) made in the window."),
        new("adoptionMatches", "Matches with adopters (AD1 DATE_MATCH) in the window."),
        new("adoptionDecisionNotPlaced", "Children looked after at the as-at date (not on a short break) with a decision that they should be placed for adoption standing that day (not reversed) and not placed for adoption (A3–A6) that day."),
        new("adoptionDecisionNotPlacedAvgDays", $"Of those children: average days from the decision to the as-at date. {Average}"),
        new("adoptionDecisionNotPlacedLongestDays", "Of those children: the longest wait, in days from the decision to the as-at date."),
        new("adoptionDecisionsReversed", "Decisions that a child should be placed for adoption that ceased (were reversed) in the window."),
        new("adoptionDecisionsReversedByReason.*", "Reversed decisions, % by REASON_PLACED_CEASED: RD1 child's needs changed; RD2 court did not make a placement order; RD3 adopters not found; RD4 other."),
        new("socialWorkerThreePlusPct", "Of children looked after at the end of the window (not on a short break): % with 3 or more social-worker episodes (SWEpisodes) open on some day of the window (a return to an earlier social worker is a new episode)."),
        new("socialWorkerChangesPerChild", "Changes of social worker in the window ÷ children looked after at its end, one decimal: each child's social-worker episodes open in the window, less one."),
        new("socialWorkerNoneAtAsAt", "Children looked after at the as-at date with no social-worker episode open that day (903 SW01/SW17 would flag them on 31 March)."),
    ];
}
