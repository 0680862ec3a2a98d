using System.Text.RegularExpressions;
using Npgsql;

namespace CareTracking.EventStore;

/// <summary>
/// Which stored events a projection reads, and which it must refuse to pass over. A projection names the stored
/// names it consumes ("placements.child-entered-care.v1"); it also reads every older version the registry upcasts
/// to one of them. Any other version of a consumed type ("placements.child-entered-care.v2", written by a newer
/// Placements) is one it cannot read: skipping it would drop that child's history without a word, so the feed
/// stops there and says so (<see cref="UnknownEventVersionException"/>, and Unhealthy readiness).
/// Events of types it does not consume at all are passed over, and the checkpoint moves past them.
/// </summary>
public sealed partial class FeedInterest
{
    /// <summary>Stored names read: the consumed ones and the older versions upcast to them.</summary>
    public string[] Reads { get; }

    /// <summary>The consumed types without their version ("placements.child-entered-care").</summary>
    public string[] Families { get; }

    private FeedInterest(string[] reads, string[] families) => (Reads, Families) = (reads, families);

    /// <summary>Null when the projection reads every event (no filter, nothing to refuse).</summary>
    public static FeedInterest? For(string[]? consumed, EventTypeRegistry registry)
    {
        if (consumed is null) return null;
        var reads = new HashSet<string>(consumed, StringComparer.Ordinal);
        foreach (var (storedName, type) in registry.UpcastSources)
            if (registry.Registered.Any(r => r.Type == type && consumed.Contains(r.StoredName, StringComparer.Ordinal)))
                reads.Add(storedName);
        return new FeedInterest(
            reads.Order(StringComparer.Ordinal).ToArray(),
            consumed.Select(FamilyOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>"x.y.v2" → "x.y"; a name without a version suffix is its own family.</summary>
    public static string FamilyOf(string storedName) => VersionSuffix().Replace(storedName, "");

    /// <summary>True for a version of a consumed type that this projection cannot read.</summary>
    public bool IsUnknownVersion(string storedName) =>
        Array.IndexOf(Reads, storedName) < 0 && Array.BinarySearch(Families, FamilyOf(storedName), StringComparer.Ordinal) >= 0;

    /// <summary>The same test as SQL over a column holding stored names, with parameters <c>@reads</c> and
    /// <c>@families</c> (see <see cref="AddParameters"/>).</summary>
    public static string UnknownVersionSql(string column) =>
        $"({column} <> all(@reads) and regexp_replace({column}, '\\.v[0-9]+$', '') = any(@families))";

    public void AddParameters(NpgsqlCommand cmd)
    {
        cmd.Parameters.AddWithValue("reads", Reads);
        cmd.Parameters.AddWithValue("families", Families);
    }

    [GeneratedRegex(@"\.v[0-9]+$")]
    private static partial Regex VersionSuffix();
}

/// <summary>A projection met a version of an event type it consumes but cannot read. It stops there (never
/// skips), its readiness turns Unhealthy, and it resumes once the service is upgraded to read the version or an
/// upcaster for it is registered.</summary>
public sealed class UnknownEventVersionException(string projection, string storedName, FeedPosition position)
    : Exception($"Projection {projection} cannot read stored event '{storedName}' at feed position {position}: a version of a type it consumes " +
                "that this build does not know. It stops here rather than skip it; deploy a build that reads it (or register an upcaster).")
{
    public string Projection { get; } = projection;
    public string StoredName { get; } = storedName;
    public FeedPosition Position { get; } = position;
}

/// <summary>One read of the feed for a projection: the events it reads, and how far the read covered (past
/// the events it passed over, so the next poll does not scan them again).</summary>
public sealed record FeedBatch(IReadOnlyList<StoredEvent> Events, FeedPosition Reach, int Scanned);
