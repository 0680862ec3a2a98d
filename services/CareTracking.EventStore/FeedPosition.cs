namespace CareTracking.EventStore;

/// <summary>A position in the global feed: transaction id, then sequence within it.</summary>
public readonly record struct FeedPosition(ulong TxId, long Sequence) : IComparable<FeedPosition>
{
    public static readonly FeedPosition Start = new(0, 0);
    public int CompareTo(FeedPosition other) =>
        TxId != other.TxId ? TxId.CompareTo(other.TxId) : Sequence.CompareTo(other.Sequence);
    public override string ToString() => $"{TxId}/{Sequence}";
}
