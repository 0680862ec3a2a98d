using System.Collections.Immutable;

namespace CareTracking.Contracts.Placements;

/// <summary>A consumer's note of one of Placements' messages, placed by the message's SourceVersion.</summary>
public interface IPlacementsNote
{
    /// <summary>The announced event's version in the child's Placements stream; null when the message carried none.</summary>
    long? SourceVersion { get; }
}

/// <summary>
/// Puts a child's Placements messages back in the order Placements published them, whatever order they arrived in
/// (concurrent consumers, redeliveries): by SourceVersion, with notes of messages that carry none (from a
/// Placements that did not stamp it) first, in the order they arrived (CarePeriodMessages.cs). The one rule every
/// consumer of these messages needs to read them, so it lives beside them; what each consumer then folds the
/// ordered notes into is its own.
/// </summary>
public static class PlacementsOrder
{
    /// <summary>The notes with one more, at its place in Placements' order.</summary>
    public static ImmutableList<T> Insert<T>(ImmutableList<T> notes, T note) where T : IPlacementsNote
    {
        var index = notes.FindLastIndex(n => n.SourceVersion is null || n.SourceVersion <= note.SourceVersion);
        return notes.Insert(index + 1, note);
    }
}
