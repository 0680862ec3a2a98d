using CareTracking.EventStore;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// What a decider decided, all of it, as data: the events for the command's stream, the appends to any other
/// stream the decision touches (their events with their ids), the messages to publish and the disclosures to
/// log. <see cref="StreamCommands"/> stages all of it in one session, so it commits in one transaction or not at
/// all. Ids the decision names come from the <see cref="EventIds"/> it was given. Two decisions are equal when they
/// hold the same things in the same order.
/// </summary>
/// <param name="Events">The command stream's events (none when the command repeats one already accepted); they are
/// stored under <see cref="EventIds.Of"/>.</param>
public sealed record Decision<TEvent>(IReadOnlyList<TEvent> Events)
    where TEvent : class
{
    /// <summary>Appends to other streams, staged after the command stream's, in this order.</summary>
    public IReadOnlyList<OtherStreamAppend> Appends { get; init; } = [];

    /// <summary>Outbox messages, in the order they are to be published.</summary>
    public IReadOnlyList<OutboxMessage> Messages { get; init; } = [];

    /// <summary>Police alerts among <see cref="Messages"/> logged as disclosures about the child.</summary>
    public IReadOnlyList<DisclosureToPolice> Disclosures { get; init; } = [];

    public bool Equals(Decision<TEvent>? other) =>
        other is not null
        && Events.SequenceEqual(other.Events)
        && Appends.SequenceEqual(other.Appends)
        && Messages.SequenceEqual(other.Messages)
        && Disclosures.SequenceEqual(other.Disclosures);

    public override int GetHashCode() => HashCode.Combine(Events.Count, Appends.Count, Messages.Count, Disclosures.Count);

    /// <summary>The lists' items, not their types, so a failed comparison shows what differs.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Events = [{string.Join(", ", Events)}], Appends = [{string.Join(", ", Appends)}], ");
        builder.Append($"Messages = [{string.Join(", ", Messages)}], Disclosures = [{string.Join(", ", Disclosures)}]");
        return true;
    }
}
