using System.Globalization;
using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Permanence;

namespace CareTracking.Placements.Children;

/// <summary>
/// The 903 rules between the adoption plan, the social-worker episodes and the care history (docs/placements.md,
/// "Adoption and social workers"). Each event is judged against the situation just before it, as
/// <see cref="CareRules"/> judges the care events, so a back-dated or retracted fact that would leave a later
/// one wrong is refused as a history conflict.
/// </summary>
internal static class AdoptionRules
{
    public static void Check(CareSituation before, ChildEvent change)
    {
        var plan = before.Permanence;
        switch (change)
        {
            case AdoptionDecisionMade:
                RequireInCare(before, "decide that the child should be placed for adoption");
                if (plan.DecisionSince is { } since)
                    throw new RuleViolation("date", "adoption.decision-open",
                        $"A decision that the child should be placed for adoption has stood since {since:yyyy-MM-dd}; record its reversal first.");
                break;

            case AdoptionDecisionReversed:
                if (plan.DecisionSince is not { } decided)
                    throw new RuleViolation("date", "adoption.no-open-decision",
                        "There is no open decision that the child should be placed for adoption on this date to reverse (it was never made, already reversed, or the child was adopted).");
                if (decided == change.Date)
                    throw new RuleViolation("date", "adoption.reversal-same-day",
                        "The decision was made on this date; a decision recorded by mistake is retracted, not reversed.");
                break;

            case AdoptionConsentGiven:
                // Consent under s19 is to placement by the agency, so it follows the agency's decision; a placement
                // order in force is itself the authority to place (s21), and consent given after the match would
                // make A2 run backwards, as the match needs the authority first.
                RequireInCare(before, "consent to its placement for adoption");
                if (plan.DecisionSince is null)
                    throw new RuleViolation("date", "adoption.consent-without-decision",
                        "Consent to placement for adoption follows a decision that the child should be placed for adoption; none stands on this date.");
                if (plan.ConsentedOn is { } consented)
                    throw new RuleViolation("date", "adoption.already-consented",
                        $"Consent to placement for adoption was recorded on {consented:yyyy-MM-dd} under the same decision.");
                if (before.LegalStatus == "E1")
                    throw new RuleViolation("date", "adoption.placement-order-in-force",
                        "A placement order (legal status E1) is in force on this date; it is the authority to place, so no consent is recorded.");
                if (plan.MatchedOn is { } matchedBefore)
                    throw new RuleViolation("date", "adoption.consent-after-match",
                        $"The child was matched with adopters on {matchedBefore:yyyy-MM-dd}; consent (the authority to place) comes before the match.");
                break;

            case AdoptionMatchMade:
                RequireInCare(before, "be matched with adopters");
                if (plan.DecisionSince is null)
                    throw new RuleViolation("date", "adoption.match-without-decision",
                        "A match with adopters follows a decision that the child should be placed for adoption; none stands on this date.");
                if (plan.MatchedOn is { } matched)
                    throw new RuleViolation("date", "adoption.already-matched",
                        $"The child was matched with adopters on {matched:yyyy-MM-dd} under the same decision.");
                break;

            case SocialWorkerAllocated allocated:
                if (plan.SocialWorker == allocated.SocialWorkerId)
                    throw new RuleViolation("socialWorkerId", "social-worker.unchanged",
                        $"{allocated.SocialWorkerId} is already the child's social worker on this date.");
                if (plan.SocialWorkerSince == allocated.Date)
                    throw new RuleViolation("from", "social-worker.same-day",
                        "Another social worker's episode began on this date; an episode cannot start and end the same day (retract the wrong one).");
                break;

            case SocialWorkerEnded:
                if (plan.SocialWorker is null)
                    throw new RuleViolation("date", "social-worker.none-open",
                        "The child has no social worker on this date whose episode could end.");
                if (plan.SocialWorkerSince == change.Date)
                    throw new RuleViolation("date", "social-worker.same-day",
                        "The social worker's episode began on this date; an episode cannot start and end the same day.");
                break;
        }
    }

    public static string? Describe(ChildEvent change) => change switch
    {
        AdoptionDecisionMade => "the decision to place for adoption",
        AdoptionDecisionReversed => "the reversal of the adoption decision",
        AdoptionConsentGiven => "the consent to placement for adoption",
        AdoptionMatchMade => "the match with adopters",
        SocialWorkerAllocated => "the social worker's allocation",
        SocialWorkerEnded => "the end of the social worker's episode",
        _ => null,
    };

    // ---- Checks on a command's own fields ----

    public static void RequireReversalReason(string? reason)
    {
        if (reason is null || !PermanenceCodes.ReversalReasons.ContainsKey(reason))
            throw new RuleViolation("reason", "code.unknown",
                $"{Echo.Code(reason)} is not a reason a decision to place for adoption ceased (REASON_PLACED_CEASED RD1–RD4).");
    }

    /// <summary>NB_ADOPTR, SEX_ADOPTR and LS_ADOPTR are codes that must agree on how many adopters there are.</summary>
    public static void RequireAdopters(int numberOfAdopters, string? sex, string? legalStatus)
    {
        if (numberOfAdopters is not (1 or 2))
            throw new RuleViolation("numberOfAdopters", "adoption.number-of-adopters", "A child is adopted by one adopter or a couple: 1 or 2.");
        if (sex is null || !PermanenceCodes.AdopterSexes.TryGetValue(sex, out var bySex))
            throw new RuleViolation("adopterSex", "code.unknown", $"{Echo.Code(sex)} is not an adopters' sex code (SEX_ADOPTR M1, F1, MM, FF, MF).");
        if (legalStatus is null || !PermanenceCodes.AdopterLegalStatuses.TryGetValue(legalStatus, out var byStatus))
            throw new RuleViolation("adopterLegalStatus", "code.unknown",
                $"{Echo.Code(legalStatus)} is not an adopters' legal status code (LS_ADOPTR L0, L11, L12, L2, L3, L4).");
        if (bySex != numberOfAdopters)
            throw new RuleViolation("adopterSex", "adoption.adopters-disagree",
                $"{sex} describes {bySex} adopter(s), but numberOfAdopters is {numberOfAdopters}.");
        if (byStatus != numberOfAdopters)
            throw new RuleViolation("adopterLegalStatus", "adoption.adopters-disagree",
                $"{legalStatus} describes {(byStatus == 1 ? "a single adopter" : "a couple")}, but numberOfAdopters is {numberOfAdopters}.");
        if (legalStatus is "L11" or "L3" && sex is not "MF")
            throw new RuleViolation("adopterLegalStatus", "adoption.adopters-disagree", $"{legalStatus} is for a different-gender couple (MF), not {sex}.");
        if (legalStatus is "L12" or "L4" && sex is not ("MM" or "FF"))
            throw new RuleViolation("adopterLegalStatus", "adoption.adopters-disagree", $"{legalStatus} is for a same-gender couple (MM or FF), not {sex}.");
    }

    public static void RequireSocialWorker(string? socialWorkerId, string? reason, string reasonField = "reason")
    {
        if (!PermanenceCodes.IsSocialWorkerId(socialWorkerId))
            throw new RuleViolation("socialWorkerId", "social-worker.id-format",
                "SW_ID is the Social Work England registration number (starting SW) or, for a worker without one, an id starting XX; letters and digits, at most 20.");
        RequireSocialWorkerReason(reason, reasonField);
    }

    public static void RequireSocialWorkerReason(string? reason, string field = "reason")
    {
        if (reason is null || !PermanenceCodes.SocialWorkerReasons.ContainsKey(reason))
            throw new RuleViolation(field, "code.unknown",
                $"{Echo.Code(reason)} is not a reason for a change of social worker (SW_REASON: {string.Join(", ", PermanenceCodes.SocialWorkerReasons.Keys)}).");
    }

    /// <summary>
    /// PrevPerm (903 rule 631 and the DATE_PERM format): a known option; a date only for an order (P1–P3), as
    /// precise as known (a day, a month or a year) and not after the child entered care; LA_PERM a three-digit
    /// LA code.
    /// </summary>
    public static void RequirePreviousPermanence(PreviousPermanence previous, DateOnly enteredCare)
    {
        if (!PermanenceCodes.PreviousPermanenceOptions.Contains(previous.Option ?? ""))
            throw new RuleViolation("previousPermanence.option", "code.unknown",
                $"{Echo.Code(previous.Option)} is not a previous permanence option (PREV_PERM P1, P2, P3, P4, Z1).");
        if (!PermanenceCodes.IsOrder(previous.Option!) && (previous.Date is not null || previous.Authority is not null))
            throw new RuleViolation(previous.Date is not null ? "previousPermanence.date" : "previousPermanence.authority", "previous-permanence.no-order",
                $"{previous.Option} names no earlier order, so it has no date or authority.");
        if (previous.Date is not null)
        {
            if (EarliestDay(previous.Date) is not { } earliest)
                throw new RuleViolation("previousPermanence.date", "previous-permanence.date-format",
                    "The date of the previous order is YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known.");
            if (earliest > enteredCare)
                throw new RuleViolation("previousPermanence.date", "previous-permanence.date-after-entry",
                    "The previous permanence order must date from before this period of care began.");
        }
        if (previous.Authority is not null && !(previous.Authority.Length == 3 && previous.Authority.All(char.IsAsciiDigit)))
            throw new RuleViolation("previousPermanence.authority", "previous-permanence.authority",
                "LA_PERM is the three-digit code of the local authority that made the order.");
    }

    /// <summary>The first day a partial date can mean: 2019 → 1 January 2019; 2019-05 → 1 May 2019.</summary>
    internal static DateOnly? EarliestDay(string date)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        return DateOnly.TryParseExact(date, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }

    private static void RequireInCare(CareSituation before, string what)
    {
        if (!before.InCare)
            throw new RuleViolation("date", "care.not-in-care",
                $"The child is not looked after on this date, so cannot {what}.");
    }
}
