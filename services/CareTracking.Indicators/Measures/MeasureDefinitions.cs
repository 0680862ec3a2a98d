namespace CareTracking.Indicators.Measures;

/// <summary>
/// What a measure counts, printed beside it. Key is a measure key, or a family ending in ".*" (for
/// example "placementMix.*") whose members share the text.
/// </summary>
public sealed record MeasureDefinition(string Key, string Text)
{
    public bool Covers(string measureKey) =>
        Key.EndsWith(".*", StringComparison.Ordinal)
            ? measureKey.StartsWith(Key[..^1], StringComparison.Ordinal)
            : measureKey == Key;
}

/// <summary>The definitions of docs/measures.md, shortened for print, and the switches in force.</summary>
public static class MeasureDefinitions
{
    private const string ShortBreaks = "Short breaks (LS V3/V4) excluded.";

    public static IReadOnlyList<MeasureDefinition> All { get; } =
    [
        new("cla", $"Children looked after at the as-at date: an episode open that day (DECOM on or before it, DEC empty or after it). {ShortBreaks}"),
        new("ratePer10k", "Children looked after at the as-at date per 10,000 of the LA's population aged 0–17 for the collection year, one decimal."),
        new("started", $"Children with a period of care starting in the window; each child once. {ShortBreaks}"),
        new("ceased", $"Children with a period of care ending in the window (REC other than X1); each child once, by its last ending. {ShortBreaks}"),
        new("startedPer10k", "Children who started to be looked after in the window (as started) per 10,000 of the LA's population aged 0–17 for the collection year, one decimal."),
        new("ceasedPer10k", "Children who ceased to be looked after in the window (as ceased) per 10,000 of the LA's population aged 0–17 for the collection year, one decimal."),
        new("ceasedAdopted", "Children ceased whose last ending in the window was adoption (E11, E12)."),
        new("ceasedAdoptedPct", "Ceased by adoption (E11, E12) ÷ ceased, %."),
        new("ceasedByReason.*", "Ceased, % by reason of the last ending: adopted E11/E12; special guardianship E45–E48; returned home E4A/E4B/E13; child arrangements or residence order E41; independent living E5/E6; 18+ stayed put E17; transfer to another LA E3; other."),
        new("uasc", "Children looked after at the as-at date who are unaccompanied asylum-seeking children that day (status recorded, not ceased)."),
        new("placementMix.*", "Children looked after at the as-at date by placement, % of CLA: foster relative/friend U1–U3; foster other U4–U6; placed for adoption A3–A6; with parents P1; secure/children's homes K1, K2; supported/independent K3, H5, P2; other residential R1–R3, R5; residential school S1; other Z1, Z11–Z14, P3, T0–T4."),
        new("fosteringByProvider.*", "Foster placements (U1–U6) at the as-at date by provider, % of foster placements: in-house PR1; other LA PR2; agency PR4/PR5; other or unknown."),
        new("placedOver20MilesPct", $"Of children looked after at the as-at date whose placement's distance from home (PL_DISTANCE, straight line between the home and placement postcode centroids) is recorded and not 999.9: % placed more than 20 miles away. {ShortBreaks}"),
        new("placedOver20MilesUnknown", "Children looked after at the as-at date whose distance from home is not recorded or is 999.9 (unknown); left out of the percentage above."),
        new("outOfAreaPct", $"Of children looked after at the as-at date whose LA of placement (PL_LA) is recorded and not CON (confidential): % placed outside the authority (PL_LA another LA's code, or NIR, SCO, WAL, NUK). {ShortBreaks}"),
        new("outOfAreaUnknown", "Children looked after at the as-at date whose LA of placement is not recorded or is CON (confidential); left out of the percentage above."),
        new("threePlusPlacementsPct", "Of children looked after at the end of the window: % with 3 or more placements (same-carer runs) open on some day of the window, across all their periods of care. A temporary placement (T0–T4) and the return to the same placement are not new placements; a placement that ended on the first day does not count."),
        new("longTermStabilityPct", "Of children looked after at the end of the window, under 16 in whole years that day and in the current period of care for 30 months or more: % whose current placement began 2 years or more before, or who are placed for adoption (A3–A6) where the adoptive placement and the placement before it in the same period together last 2 years."),
        new("placementMoves", "Placements ending in the window that are followed by another placement in the same period of care."),
        new("placementMovesByReason.*", "Placement moves, % by REASON_PLACE_CHANGE of the ending placement."),
        new("missingIncidents", "Missing (M) episodes starting in the window (UK local date) of children looked after that day."),
        new("childrenMissing", "Children with at least one missing incident counted above."),
        new("childrenMissingPct", $"Children who went missing ÷ children looked after at any time in the window, %. {ShortBreaks}"),
        new("incidentsPerMissingChild", "Missing incidents ÷ children who went missing, one decimal."),
        new("missingAtAsAt", "Missing episodes of children looked after at the as-at date that had started by then and not ended by then (by a return, or by the end of care while still missing)."),
        new("awayIncidents", "Away-without-authorisation (A) episodes starting in the window of children looked after that day."),
        new("childrenAway", "Children with at least one away incident counted above."),
        new("childrenAwayPct", $"Children who were away ÷ children looked after at any time in the window, %. {ShortBreaks}"),
        new("incidentsPerAwayChild", "Away incidents ÷ children who were away, one decimal."),
        new("awayAtAsAt", "Away episodes of children looked after at the as-at date that had started by then and not ended by then."),
        new("returnInterviewOfferedIn72hPct", "Of missing episodes whose return falls in the window (an episode closed at the end of care without a return is not a return): % where a return interview was offered within 72 hours of the return instant (a clock on instants; the offer is the earliest return-interview event of any outcome)."),
        new("returnInterviewAcceptedPct", "Of the same returns: % where the return interview was accepted (including completed)."),
        new("returnInterviewCompletedPct", "Of the same returns: % where the return interview was completed."),
        new("repeatMissing30Days", "Children with 3 missing incidents starting in the window whose third began at most 29 days after the first."),
        new("repeatMissing90Days", "Children with 3 missing incidents starting in the window whose third began at most 89 days after the first (police-liaison threshold)."),
        new("missingDuration.*", "Missing incidents starting in the window by length, %: under 24 hours; 1–2 days (24 h to under 72 h); 3–6 days (72 h to under 168 h); 7 days or more; open (not ended by the end of the window). An episode closed at the end of care lasts until the start of the day care ended."),
        new("reviewsOnTimePct", "Reviews held in the window that were held on or before their statutory due date ÷ reviews held in the window, %. Period of care: first due 20 working days after DECOM, second 3 months after the first, then every 6 months; a placement change does not reset the clock, a new period of care does. Short breaks: 3 months after the first break, then 6."),
        new("participation.*", "Reviews held in the window, % by REVIEW_CODE PN0–PN7."),
        new("childParticipatedPct", "Of reviews held in the window of children aged 4 or over on the review date: % where the child participated (PN1–PN6)."),
        new("iroAllocatedIn5DaysPct", "Periods of care started in the window whose IRO was allocated on or before the 5th working day after DECOM (the earliest allocation on or after DECOM and before the next period), %. No allocation is not in time."),
        .. AdoptionDefinitions.All,
    ];

    /// <summary>The definition of a measure of the committee report: these, or the health and care-leaver ones.</summary>
    public static MeasureDefinition? For(string measureKey) =>
        All.FirstOrDefault(d => d.Covers(measureKey)) ?? HealthAndCareLeaverDefinitions.All.FirstOrDefault(d => d.Covers(measureKey));

    /// <summary>Every switch and its state, so a report says which counting rules it used.</summary>
    public static IReadOnlyList<string> SwitchesInForce(IndicatorSwitches switches) =>
    [
        switches.SameCarerChangeIsNewPlacement
            ? "Same-carer changes (RNE T/U) count as new placements: ON."
            : "Same-carer changes (RNE T/U) count as new placements: off (default); they continue the placement.",
        switches.LeaveShortBreakReviewsOutOfTimeliness
            ? "Short-break (V3/V4) reviews left out of reviews on time and participation: ON."
            : "Short-break (V3/V4) reviews left out of reviews on time and participation: off (default); they count.",
        switches.AwayIncidentsInReturnInterviews
            ? "Away (A) episodes included in return-interview measures: ON."
            : "Away (A) episodes included in return-interview measures: off (default); missing (M) episodes only.",
    ];
}
