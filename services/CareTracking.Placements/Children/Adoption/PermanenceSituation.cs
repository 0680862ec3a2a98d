namespace CareTracking.Placements.Children;

/// <summary>
/// The adoption plan and social worker at one point of the timeline, part of <see cref="CareSituation"/>.
/// A decision stays open until it is reversed or the child is adopted (care ends E11/E12).
/// </summary>
internal sealed record PermanenceSituation(DateOnly? DecisionSince, DateOnly? MatchedOn, string? SocialWorker, DateOnly? SocialWorkerSince,
    DateOnly? ConsentedOn = null)
{
    public static readonly PermanenceSituation None = new(null, null, null, null);

    public PermanenceSituation After(ChildEvent change) => change switch
    {
        AdoptionDecisionMade made => this with { DecisionSince = made.Date, MatchedOn = null, ConsentedOn = null },
        AdoptionDecisionReversed => this with { DecisionSince = null, MatchedOn = null, ConsentedOn = null },
        AdoptionConsentGiven consent => this with { ConsentedOn = consent.Date },
        AdoptionMatchMade match => this with { MatchedOn = match.Date },
        ChildCeasedCare { Reason: "E11" or "E12" } => this with { DecisionSince = null, MatchedOn = null, ConsentedOn = null },
        SocialWorkerAllocated allocated => this with { SocialWorker = allocated.SocialWorkerId, SocialWorkerSince = allocated.Date },
        SocialWorkerEnded => this with { SocialWorker = null, SocialWorkerSince = null },
        _ => this,
    };
}
