using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Codes;

namespace CareTracking.Placements.Children;

/// <summary>
/// The rules a child's care history must keep, from the 903 guide and validator. Field names are the
/// request's JSON paths, so a rejection tells the case system which field to fix.
/// </summary>
internal static class CareRules
{

    /// <summary>REASON_PLACE_CHANGE is collected from 2016/17, so moves before then need none.</summary>
    private static readonly DateOnly ReasonForMoveCollectedFrom = new CollectionYear(2016).FirstDay;

    /// <summary>Minimum ages for placement types: 903 rules 371 (K3, and H5 before it), 372, 373, 374.</summary>
    private static readonly Dictionary<string, int> PlacementMinimumAge = new()
    {
        ["K3"] = 16, ["H5"] = 16, ["R5"] = 10, ["S1"] = 4, ["P3"] = 14,
    };

    /// <summary>Minimum ages for legal statuses: 903 rule 358 (remand, J1).</summary>
    private static readonly Dictionary<string, int> LegalStatusMinimumAge = new() { ["J1"] = 10 };

    /// <summary>Minimum ages for reasons care ceased: 903 rules 387 (E6) and 389 (E7).</summary>
    private static readonly Dictionary<string, int> CeasingMinimumAge = new() { ["E6"] = 14, ["E7"] = 16 };

    /// <summary>Endings that must happen before the 18th birthday: adoption (386) and SGOs (407).</summary>
    private static readonly HashSet<string> EndingsUnder18 = ["E11", "E12", "E45", "E46", "E47", "E48"];

    // ---- Checks on the command's own fields, wherever it falls in the timeline ----

    public static void RequireCode(CodeList list, string? code, DateOnly date, string field)
    {
        var entry = CodeLists.Find(list, code);
        if (entry is null)
            throw new RuleViolation(field, "code.unknown",
                $"{Echo.Code(code)} is not a {Describe(list)} code of the 903 guide.");
        if (!entry.IsValidOn(date))
            throw new RuleViolation(field, "code.not-in-use",
                $"{Echo.Code(code)} is not a valid {Describe(list)} code in the {CollectionYear.Of(date)} collection year"
                + (entry.ValidFrom is { } from ? $"; it is valid from {CollectionYear.Of(from)}." : "")
                + (entry.ValidUntil is { } until ? $"; it was last valid in {CollectionYear.Of(until)}." : ""));
    }

    public static void RequireNotInFuture(DateOnly date, DateTimeOffset now, string field = "date")
    {
        // Case workers record UK dates: just after midnight in summer the UTC date is still yesterday.
        var today = UkLocalDate.Of(now);
        if (date > today)
            throw new RuleViolation(field, "date.in-future", "The date is in the future; record events once they have happened.");
    }

    public static void RequireNotBeforeBirth(DateOnly date, ChildDetails? child, string field = "date")
    {
        if (child is not null && date < child.DateOfBirth)
            throw new RuleViolation(field, "date.before-birth", "The date is before the child's date of birth.");
    }

    public static void RequirePlacementCodes(Placement placement, DateOnly date)
    {
        RequireCode(CodeList.PlacementType, placement.Type, date, "placement.type");
        if (placement.Provider is not null)
            RequireCode(CodeList.PlacementProvider, placement.Provider, date, "placement.provider");
        else if (PlacementTypes.NeedsProvider(placement.Type))
            throw new RuleViolation("placement.provider", "placement.provider-required",
                $"A {placement.Type} placement needs its provider (PLACE_PROVIDER); only temporary and other placements may omit it.");
        PlacementProviderRules.Check(placement);
        PlacementLocationRules.Check(placement);
    }

    // ---- Checks of an event against the situation just before it ----

    public static void Check(CareSituation before, ChildEvent change)
    {
        switch (change)
        {
            case ChildEnteredCare entered: CheckEntry(before, entered); break;
            case LegalStatusChanged changed: CheckLegalStatusChange(before, changed); break;
            case PlacementMoved moved: CheckMove(before, moved); break;
            case ChildCeasedCare ceased: CheckCeasing(before, ceased); break;
            case UascStatusChanged uasc: CheckUascChange(before, uasc); break;
            default: AdoptionRules.Check(before, change); break;
        }
    }

    /// <summary>
    /// Replays the timeline through the rules. A violation at <paramref name="candidate"/> is the command's
    /// own; one at any other event means the command would make an already accepted event wrong.
    /// </summary>
    public static void Validate(IEnumerable<TimelineEntry> timeline, TimelineEntry? candidate, string conflictField) =>
        Validate(timeline, candidate is null ? [] : [(candidate, "")], conflictField);

    /// <summary>Replays the timeline with several proposed events (posted together). A violation at one of them
    /// is the command's own, its field under that event's prefix (e.g. "ceased.date").</summary>
    public static void Validate(IEnumerable<TimelineEntry> timeline, IReadOnlyList<(TimelineEntry Entry, string FieldPrefix)> candidates, string conflictField)
    {
        foreach (var (entry, before, _) in CareSituation.Walk(timeline))
        {
            var own = candidates.FirstOrDefault(c => ReferenceEquals(c.Entry, entry));
            try
            {
                Check(before, entry.Event);
            }
            catch (RuleViolation violation) when (own.Entry is not null && own.FieldPrefix.Length > 0)
            {
                throw new RuleViolation(own.FieldPrefix + violation.Field, violation.Rule, violation.Detail);
            }
            catch (RuleViolation violation) when (own.Entry is null)
            {
                throw new RuleViolation(conflictField, "history.conflict",
                    $"This does not fit the child's history: {Describe(entry.Event)} already recorded on a later "
                    + $"or the same date would no longer be valid ({violation.Rule}: {violation.Detail})");
            }
        }
    }

    private static void CheckEntry(CareSituation before, ChildEnteredCare entered)
    {
        if (before.InCare)
            throw new RuleViolation("date", "care.already-in-care",
                "The child is already looked after on this date; a period of care cannot begin inside another.");

        // 903 rule 380: a period of care cannot start with a temporary placement.
        if (PlacementTypes.IsTemporary(entered.Placement.Type))
            throw new RuleViolation("placement.type", "placement.temporary-at-start",
                "A period of care cannot start in a temporary placement (T0–T4); record the child's usual placement.");

        CheckPlacementStart(entered.Placement, entered.Child, entered.Date);
        CheckLegalStatusStart(entered.LegalStatus, entered.Child, entered.Date, "legalStatus");
        CheckCombination(entered.Placement.Type, entered.LegalStatus, "placement.type");
        PlacementLocationRules.CheckUnderShortBreak(entered.Placement, entered.LegalStatus, placementChanges: true);
    }

    private static void CheckLegalStatusChange(CareSituation before, LegalStatusChanged changed)
    {
        RequireInCare(before, "change the legal status");
        RequireNewEpisodeDay(before, changed.Date);
        if (changed.LegalStatus == before.LegalStatus)
            throw new RuleViolation("legalStatus", "legal-status.unchanged",
                $"The legal status is already {changed.LegalStatus} on this date.");
        ShortBreakRules.CheckEnd(before, changed.Date);
        CheckLegalStatusStart(changed.LegalStatus, before.Child!, changed.Date, "legalStatus");
        CheckCombination(before.Placement!.Type, changed.LegalStatus, "legalStatus");
        PlacementLocationRules.CheckUnderShortBreak(before.Placement, changed.LegalStatus, placementChanges: false);
    }

    private static void CheckMove(CareSituation before, PlacementMoved moved)
    {
        RequireInCare(before, "move placement");
        RequireNewEpisodeDay(before, moved.Date);
        if (moved.LegalStatus is not null)
        {
            if (moved.LegalStatus == before.LegalStatus)
                throw new RuleViolation("legalStatus", "legal-status.unchanged",
                    $"The legal status is already {moved.LegalStatus}; give a legal status with a move only when it changes the same day.");
            ShortBreakRules.CheckEnd(before, moved.Date);
            CheckLegalStatusStart(moved.LegalStatus, before.Child!, moved.Date, "legalStatus");
        }
        ShortBreakRules.CheckMove(before, moved);

        var current = before.Placement!;
        if (before.PlacementBeforeTemporary is { } usual)
        {
            // 903 rule 383: after a temporary placement the child returns to the same placement (same PLACE
            // and PL_POST), with a change of carer (RNE P) back from the temporary one.
            if (moved.Placement.Type != usual.Type || moved.Placement.Postcode != usual.Postcode)
                throw new RuleViolation("placement", "placement.temporary-return",
                    $"After a temporary placement ({current.Type}) the child must return to the placement before it ({usual.Type}, same postcode).");
            if (moved.SameCarer)
                throw new RuleViolation("sameCarer", "placement.temporary-return",
                    "Returning from a temporary placement is a change of carer back to the usual one, not the same carer.");
        }
        else if (moved.SameCarer && moved.Placement == current)
        {
            throw new RuleViolation("placement", "placement.unchanged",
                "The placement and carer are unchanged; a move needs a new placement or a new carer.");
        }

        var moveInvolvesTemporary = PlacementTypes.IsTemporary(current.Type) || PlacementTypes.IsTemporary(moved.Placement.Type);
        if (moved.Reason is null && !moveInvolvesTemporary && moved.Date >= ReasonForMoveCollectedFrom)
            throw new RuleViolation("reason", "placement.reason-required",
                "A placement move needs the reason the previous placement ended (REASON_PLACE_CHANGE), unless it is into or back from a temporary placement.");

        CheckPlacementStart(moved.Placement, before.Child!, moved.Date);
        CheckCombination(moved.Placement.Type, moved.LegalStatus ?? before.LegalStatus!, "placement.type");
        PlacementLocationRules.CheckUnderShortBreak(moved.Placement, moved.LegalStatus ?? before.LegalStatus!, placementChanges: true);
    }

    private static void CheckCeasing(CareSituation before, ChildCeasedCare ceased)
    {
        RequireInCare(before, "cease care");
        if (ceased.Reason == "X1")
            throw new RuleViolation("reason", "ceased-care.continuation-code",
                "X1 means a new episode begins the same day; it cannot end a period of care. Record the move or legal status change instead.");
        RequireNewEpisodeDay(before, ceased.Date);
        ShortBreakRules.CheckEnd(before, ceased.Date);

        var placementType = before.Placement!.Type;
        // 903 rule 381: a period of care cannot end in a temporary placement.
        if (PlacementTypes.IsTemporary(placementType))
            throw new RuleViolation("date", "ceased-care.temporary-placement",
                $"The child is in a temporary placement ({placementType}) on this date; a period of care cannot end in one.");

        // 903 rule 390: adoption ends a placement for adoption.
        if (ceased.Reason is "E11" or "E12" && !PlacementTypes.IsPlacedForAdoption(placementType))
            throw new RuleViolation("reason", "ceased-care.adoption-placement",
                $"Care can end in adoption ({ceased.Reason}) only from a placement for adoption (A3–A6), not {placementType}.");

        // 903 rule 516: an SGO to former foster carers ends a foster placement.
        if (ceased.Reason is "E45" or "E46" && !PlacementTypes.IsFoster(placementType))
            throw new RuleViolation("reason", "ceased-care.sgo-foster-placement",
                $"A special guardianship order to former foster carers ({ceased.Reason}) needs a foster placement (U1–U6), not {placementType}.");

        var age = Age.InWholeYears(before.Child!.DateOfBirth, ceased.Date);
        if (EndingsUnder18.Contains(ceased.Reason) && age >= 18)
            throw new RuleViolation("reason", "ceased-care.under-18",
                $"Adoption and special guardianship ({ceased.Reason}) end care only for a child under 18.");
        if (CeasingMinimumAge.TryGetValue(ceased.Reason, out var minimum) && age < minimum)
            throw new RuleViolation("reason", "ceased-care.age-limit",
                $"Care can end with {ceased.Reason} only for a child aged {minimum} or over.");
    }

    private static void CheckUascChange(CareSituation before, UascStatusChanged changed)
    {
        RequireInCare(before, "change the UASC status");
        if (changed.Uasc == before.Uasc)
            throw new RuleViolation("uasc", "uasc.unchanged",
                changed.Uasc ? "The child is already recorded as UASC on this date." : "The child is not recorded as UASC on this date.");
    }

    private static void RequireInCare(CareSituation before, string what)
    {
        if (!before.InCare)
            throw new RuleViolation("date", "care.not-in-care",
                $"The child is not looked after on this date, so cannot {what}; record the entry into care first.");
    }

    /// <summary>An episode cannot start and end on the same day (903 rules 141, 355).</summary>
    private static void RequireNewEpisodeDay(CareSituation before, DateOnly date)
    {
        if (before.EpisodeStart == date)
            throw new RuleViolation("date", "episode.same-day",
                "An episode already began on this date and cannot end the same day; a legal status change on the day of a move belongs in the move.");
    }

    private static void CheckPlacementStart(Placement placement, ChildDetails child, DateOnly date)
    {
        if (PlacementMinimumAge.TryGetValue(placement.Type, out var minimum) && Age.InWholeYears(child.DateOfBirth, date) < minimum)
            throw new RuleViolation("placement.type", "placement.age-limit",
                $"A {placement.Type} placement is only for a child aged {minimum} or over.");
    }

    private static void CheckLegalStatusStart(string legalStatus, ChildDetails child, DateOnly date, string field)
    {
        if (LegalStatusMinimumAge.TryGetValue(legalStatus, out var minimum) && Age.InWholeYears(child.DateOfBirth, date) < minimum)
            throw new RuleViolation(field, "legal-status.age-limit",
                $"Legal status {legalStatus} applies only to a child aged {minimum} or over.");
    }

    /// <summary>Placement types that cannot go with a legal status: 903 rules 378, 382, 384.</summary>
    private static void CheckCombination(string placementType, string legalStatus, string field)
    {
        if (placementType == "P1" && legalStatus == "V2")
            throw new RuleViolation(field, "placement.p1-under-v2",
                "A child placed with parents (P1) cannot be accommodated under a single period of section 20 (V2).");
        if (LegalStatuses.IsShortBreak(legalStatus) && PlacementTypes.IsTemporary(placementType))
            throw new RuleViolation(field, "placement.temporary-under-short-break",
                $"A temporary placement ({placementType}) cannot be used during short breaks ({legalStatus}).");
        if (LegalStatuses.IsShortBreak(legalStatus) && PlacementTypes.IsLongTermFoster(placementType))
            throw new RuleViolation(field, "placement.long-term-foster-under-short-break",
                $"Long-term fostering ({placementType}) cannot be used during short breaks ({legalStatus}).");
    }


    public static string Describe(ChildEvent change) => change switch
    {
        ChildEnteredCare => "the entry into care",
        LegalStatusChanged => "the legal status change",
        PlacementMoved => "the placement move",
        ChildCeasedCare => "the ceasing of care",
        UascStatusChanged => "the UASC status change",
        _ => AdoptionRules.Describe(change) ?? "an event",
    };

    private static string Describe(CodeList list) => list switch
    {
        CodeList.ReasonNewEpisode => "reason for new episode (RNE)",
        CodeList.LegalStatus => "legal status (LS)",
        CodeList.CategoryOfNeed => "category of need (CIN)",
        CodeList.PlacementType => "placement type (PLACE)",
        CodeList.PlacementProvider => "placement provider (PLACE_PROVIDER)",
        CodeList.ReasonEpisodeCeased => "reason episode ceased (REC)",
        CodeList.ReasonPlaceChange => "reason for placement change (REASON_PLACE_CHANGE)",
        CodeList.Sex => "sex (M, F or U)",
        CodeList.Ethnicity => "ethnicity (ETHNIC)",
        _ => list.ToString(),
    };
}
