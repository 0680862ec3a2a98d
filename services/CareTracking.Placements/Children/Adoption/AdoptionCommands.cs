using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Placements.Children.Adoption;

// The deciders for the adoption plan and the social workers. Each is pure: the same command, history and
// clock give the same events. Posting the same fact again records nothing (a safe retry).

/// <summary>The decision that the child should be placed for adoption.</summary>
public sealed record DecideOnAdoption(DateOnly Date)
{
    public static IReadOnlyList<ChildEvent> Decide(DecideOnAdoption command, Child state, DateTimeOffset now) =>
        AdoptionFacts.Record(new AdoptionDecisionMade(command.Date), state, now, "date");
}

/// <summary>The open decision no longer applies.</summary>
public sealed record ReverseAdoptionDecision(DateOnly Date, string Reason)
{
    public static IReadOnlyList<ChildEvent> Decide(ReverseAdoptionDecision command, Child state, DateTimeOffset now)
    {
        var reversed = new AdoptionDecisionReversed(command.Date, command.Reason);
        if (state.AlreadyRecorded(reversed)) return [];
        AdoptionRules.RequireReversalReason(command.Reason);
        return AdoptionFacts.Record(reversed, state, now, "date");
    }
}

/// <summary>The parents consented to the child's placement for adoption (the authority to place without a placement order).</summary>
public sealed record RecordAdoptionConsent(DateOnly Date)
{
    public static IReadOnlyList<ChildEvent> Decide(RecordAdoptionConsent command, Child state, DateTimeOffset now) =>
        AdoptionFacts.Record(new AdoptionConsentGiven(command.Date), state, now, "date");
}

/// <summary>The child is matched with prospective adopters.</summary>
public sealed record MatchWithAdopters(DateOnly Date, int NumberOfAdopters, string AdopterSex, string AdopterLegalStatus, bool FormerFosterCarers)
{
    public static IReadOnlyList<ChildEvent> Decide(MatchWithAdopters command, Child state, DateTimeOffset now)
    {
        var match = new AdoptionMatchMade(command.Date, command.NumberOfAdopters, command.AdopterSex, command.AdopterLegalStatus, command.FormerFosterCarers);
        if (state.AlreadyRecorded(match)) return [];
        AdoptionRules.RequireAdopters(command.NumberOfAdopters, command.AdopterSex, command.AdopterLegalStatus);
        return AdoptionFacts.Record(match, state, now, "date");
    }
}

/// <summary>A social worker becomes the child's social worker from <see cref="From"/>.</summary>
public sealed record AllocateSocialWorker(DateOnly From, string SocialWorkerId, string Reason)
{
    public static IReadOnlyList<ChildEvent> Decide(AllocateSocialWorker command, Child state, DateTimeOffset now)
    {
        var allocated = new SocialWorkerAllocated(command.From, command.SocialWorkerId, command.Reason);
        if (state.AlreadyRecorded(allocated)) return [];
        AdoptionRules.RequireSocialWorker(command.SocialWorkerId, command.Reason);
        return AdoptionFacts.Record(allocated, state, now, "from");
    }
}

/// <summary>The child's social worker stops being so, with no successor named yet.</summary>
public sealed record EndSocialWorker(DateOnly Date, string Reason)
{
    public static IReadOnlyList<ChildEvent> Decide(EndSocialWorker command, Child state, DateTimeOffset now)
    {
        var ended = new SocialWorkerEnded(command.Date, command.Reason);
        if (state.AlreadyRecorded(ended)) return [];
        AdoptionRules.RequireSocialWorkerReason(command.Reason);
        return AdoptionFacts.Record(ended, state, now, "date");
    }
}

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
