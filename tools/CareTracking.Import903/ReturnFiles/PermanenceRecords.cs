namespace CareTracking.Import903.ReturnFiles;

/// <summary>PlacedAdoption (placed_for_adoption.csv): a decision that the child should be placed for adoption and,
/// when it stopped applying, the date and reason (RD1–RD4).</summary>
public sealed record PlacedAdoptionRecord(RowRef Row, string Child, string DatePlaced, string DatePlacedCeased, string ReasonPlacedCeased) : IReturnRecord
{
    public string Content => string.Join('|', Child, DatePlaced, DatePlacedCeased, ReasonPlacedCeased);
}

/// <summary>AD1 (ad1.csv): an adopted child's decision (DATE_INT), match and adopters.</summary>
public sealed record Ad1Record(RowRef Row, string Child, string DateInt, string DateMatch, string FosterCare, string NbAdoptr,
    string SexAdoptr, string LsAdoptr) : IReturnRecord
{
    public string Content => string.Join('|', Child, DateInt, DateMatch, FosterCare, NbAdoptr, SexAdoptr, LsAdoptr);
}

/// <summary>SWEpisodes (sw_episodes.csv): one social worker's episode with the child.</summary>
public sealed record SocialWorkerRecord(RowRef Row, string Child, string SwId, string SwDecom, string SwDec, string SwReason) : IReturnRecord
{
    public string Content => string.Join('|', Child, SwId, SwDecom, SwDec, SwReason);
}

/// <summary>The return's adoption and social-worker rows; every file optional.</summary>
public sealed record PermanenceRecords(
    IReadOnlyList<PlacedAdoptionRecord> PlacedAdoption,
    IReadOnlyList<Ad1Record> Ad1,
    IReadOnlyList<SocialWorkerRecord> SocialWorkers)
{
    public static readonly PermanenceRecords None = new([], [], []);

    public IEnumerable<IReturnRecord> All => PlacedAdoption.Cast<IReturnRecord>().Concat(Ad1).Concat(SocialWorkers);
}
