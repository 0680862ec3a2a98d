using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Placements.Children.Adoption;

/// <summary>What every adoption and social-worker fact needs before it joins the history.</summary>
internal static class AdoptionFacts
{
    /// <summary>
    /// The fact must concern a child whose care history is held here, must have happened, and must fit the
    /// history at its date (and leave every later fact valid). A social worker may be recorded from before the
    /// child entered care (the SWEpisodes row starts then); the adoption facts need the child looked after.
    /// </summary>
    public static IReadOnlyList<ChildEvent> Record(ChildEvent fact, Child state, DateTimeOffset now, string dateField)
    {
        if (state.AlreadyRecorded(fact)) return [];
        if (state.LatestChildDetails is null)
            throw new RuleViolation(dateField, "care.not-in-care",
                "The child has no care history here; record the entry into care first.");
        CareRules.RequireNotInFuture(fact.Date, now, dateField);
        CareRules.RequireNotBeforeBirth(fact.Date, state.LatestChildDetails, dateField);
        var candidate = state.Candidate(fact);
        CareRules.Validate(state.TimelineWith(candidate), candidate, dateField);
        return [fact];
    }
}
