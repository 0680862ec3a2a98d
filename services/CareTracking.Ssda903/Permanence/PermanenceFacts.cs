namespace CareTracking.Ssda903.Permanence;

/// <summary>
/// A fact about a child's adoption plan or social worker, by effective date, in the terms of the 903 tables
/// AD1, PlacedAdoption and SWEpisodes. Placements owns these facts; Indicators reads them from the feed; both
/// state them in these terms and get the same rows back from <see cref="PermanenceDerivation"/>.
/// </summary>
public abstract record PermanenceFact(DateOnly Date);

/// <summary>The agency decision maker decided the child should be placed for adoption (DATE_PLACED, AD1 DATE_INT).</summary>
public sealed record AdoptionDecision(DateOnly Date) : PermanenceFact(Date);

/// <summary>The decision stopped applying (DATE_PLACED_CEASED, REASON_PLACED_CEASED RD1–RD4).</summary>
public sealed record AdoptionDecisionReversal(DateOnly Date, string Reason) : PermanenceFact(Date);

/// <summary>The parents consented to placement for adoption (s19 ACA 2002): the court authority to place where there is
/// no placement order. Not a 903 item; it belongs to the decision standing on its date.</summary>
public sealed record AdoptionConsent(DateOnly Date) : PermanenceFact(Date);

/// <summary>The child was matched with adopters (AD1 DATE_MATCH, NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR; FOSTER_CARE
/// when the adopters are the child's former foster carers).</summary>
public sealed record AdoptionMatch(
    DateOnly Date, int NumberOfAdopters, string AdopterSex, string AdopterLegalStatus, bool FormerFosterCarers) : PermanenceFact(Date);

/// <summary>A social worker became the child's social worker (SW_DECOM), ending any earlier one that day.</summary>
public sealed record SocialWorkerAllocation(DateOnly Date, string SocialWorkerId, string Reason) : PermanenceFact(Date);

/// <summary>The child's social worker stopped being so, with no successor yet (SW_DEC).</summary>
public sealed record SocialWorkerEnd(DateOnly Date, string Reason) : PermanenceFact(Date);

/// <summary>One PlacedAdoption row: a decision, and when and why it stopped applying (blank while it stands).
/// <see cref="ConsentedOn"/> is the parents' consent to placement under this decision, if given (not a 903 item:
/// the A2 measure's start for a child placed with consent).</summary>
public sealed record PlacedAdoptionRow(DateOnly DatePlaced, DateOnly? DatePlacedCeased, string? ReasonPlacedCeased, DateOnly? ConsentedOn = null);

/// <summary>One match with adopters: the AD1 items; DATE_INT is the decision it followed.</summary>
public sealed record AdoptionMatchRow(
    DateOnly DateInt, DateOnly DateMatch, bool FosterCare, int NumberOfAdopters, string AdopterSex, string AdopterLegalStatus);

/// <summary>One SWEpisodes row. SW_REASON is the reason given when this social worker came.</summary>
public sealed record SocialWorkerEpisodeRow(string SocialWorkerId, DateOnly Start, DateOnly? End, string Reason, string? EndReason);

/// <summary>The child's rows in the three tables.</summary>
public sealed record PermanenceRows(
    IReadOnlyList<PlacedAdoptionRow> PlacedAdoption,
    IReadOnlyList<AdoptionMatchRow> Matches,
    IReadOnlyList<SocialWorkerEpisodeRow> SocialWorkers)
{
    public static readonly PermanenceRows None = new([], [], []);
}
