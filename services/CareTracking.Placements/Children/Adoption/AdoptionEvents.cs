using CareTracking.EventStore;

namespace CareTracking.Placements.Children;

// The child's adoption plan and social workers, in the child's stream beside the care history: the 903
// tables PlacedAdoption, AD1 and SWEpisodes are judged against that history (a match needs the child looked
// after; an adoption ends the decision), so they share its stream and its rules (docs/streams.md).

/// <summary>The agency decision maker decided that the child should be placed for adoption
/// (PlacedAdoption DATE_PLACED; AD1 DATE_INT).</summary>
[EventType("placements.adoption-decision-made", 1)]
public sealed record AdoptionDecisionMade(DateOnly Date) : ChildEvent(Date);

/// <summary>The open decision stopped applying (DATE_PLACED_CEASED) for <see cref="Reason"/> RD1–RD4
/// (REASON_PLACED_CEASED).</summary>
[EventType("placements.adoption-decision-reversed", 1)]
public sealed record AdoptionDecisionReversed(DateOnly Date, string Reason) : ChildEvent(Date);

/// <summary>Each parent or guardian consented to the child being placed for adoption (section 19 of the Adoption and
/// Children Act 2002, witnessed by a Cafcass officer): the court authority to place for a child placed with consent
/// rather than under a placement order, where the scorecard's A2 starts. The 903 has no item for it.</summary>
[EventType("placements.adoption-consent-given", 1)]
public sealed record AdoptionConsentGiven(DateOnly Date) : ChildEvent(Date);

/// <summary>The child was matched with prospective adopters (AD1 DATE_MATCH, NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR);
/// <see cref="FormerFosterCarers"/> is AD1 FOSTER_CARE (the adopters are the child's foster carers).</summary>
[EventType("placements.adoption-match-made", 1)]
public sealed record AdoptionMatchMade(
    DateOnly Date, int NumberOfAdopters, string AdopterSex, string AdopterLegalStatus, bool FormerFosterCarers) : ChildEvent(Date);

/// <summary>A social worker became the child's social worker from <see cref="ChildEvent.Date"/> (SW_DECOM);
/// the previous one's episode ends that day. <see cref="Reason"/> is SW_REASON.</summary>
[EventType("placements.social-worker-allocated", 1)]
public sealed record SocialWorkerAllocated(DateOnly Date, string SocialWorkerId, string Reason) : ChildEvent(Date);

/// <summary>The child's social worker stopped being so with no successor named yet (SW_DEC).</summary>
[EventType("placements.social-worker-ended", 1)]
public sealed record SocialWorkerEnded(DateOnly Date, string Reason) : ChildEvent(Date);

/// <summary>
/// PrevPerm: the permanence arrangement the child had before this period of care. <see cref="Option"/> is
/// PREV_PERM (P1 adoption, P2 SGO, P3 residence or child arrangements order, P4 unknown, Z1 none);
/// <see cref="Date"/> is DATE_PERM, as precise as the case system knows it: "YYYY-MM-DD", "YYYY-MM" or
/// "YYYY" (the 903's zz/MM/YYYY and zz/zz/YYYY); <see cref="Authority"/> is LA_PERM.
/// </summary>
public sealed record PreviousPermanence(string Option, string? Date = null, string? Authority = null);
