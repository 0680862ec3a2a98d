using System.Collections.Concurrent;
using CareTracking.Indicators.Projections;

namespace CareTracking.Indicators.Committee;

/// <summary>
/// One loaded copy of an authority's projected events, split by child once, with each child's history as
/// known now and, on demand, as known at earlier instants. Gives exactly what
/// <see cref="ChildHistories.Build"/> gives for the same events and instant, without refolding every child:
/// a child whose events were all known by the instant has the history it has now, and a child's events
/// known by an instant only grow as the instant moves later, so how many there are names the set and
/// the history folded from it is kept for the next instant with the same count.
/// </summary>
public sealed class AuthorityHistories
{
    /// <summary>Earlier histories kept per child; a report reproduced later usually asks for one or two instants.</summary>
    public const int EarlierHistoriesPerChild = 4;

    private const int ParallelFrom = 256;

    private readonly string authority;
    private readonly IReadOnlyList<ProjectedEvent> events;
    private readonly ChildEvents[] children;

    // An episode reported for two different children joins its later events to whichever report was known
    // first, which can change with the instant; the per-child split cannot say that, so such an authority
    // folds every known-at query from all its events.
    private readonly bool episodeReportedForTwoChildren;

    private AuthorityHistories(string authority, IReadOnlyList<ProjectedEvent> events)
    {
        this.authority = authority;
        this.events = events;

        var reports = new Dictionary<Guid, (string ChildId, DateTimeOffset FirstKnown)>();
        foreach (var e in events)
        {
            if (e.Data is not MissingEpisodeReported reported) continue;
            if (!reports.TryGetValue(reported.EpisodeId, out var report))
                reports[reported.EpisodeId] = (reported.ChildId, e.RecordedAt);
            else
            {
                episodeReportedForTwoChildren |= report.ChildId != reported.ChildId;
                if (e.RecordedAt < report.FirstKnown) reports[reported.EpisodeId] = report with { FirstKnown = e.RecordedAt };
            }
        }

        var byChild = new Dictionary<string, (List<ProjectedEvent> Events, List<DateTimeOffset> KnownFrom)>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            string child;
            var knownFrom = e.RecordedAt;
            if (e.ChildId is { } id) child = id;
            else if (e.EpisodeId is { } episode && reports.TryGetValue(episode, out var report))
            {
                // Joined to the child only once the report naming the child is known.
                child = report.ChildId;
                if (report.FirstKnown > knownFrom) knownFrom = report.FirstKnown;
            }
            else continue;
            if (!byChild.TryGetValue(child, out var list)) byChild[child] = list = ([], []);
            list.Events.Add(e);
            list.KnownFrom.Add(knownFrom);
        }

        children = [.. byChild.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ChildEvents(c.Key, c.Value.Events, [.. c.Value.KnownFrom]))];
        var now = new ChildRecord[children.Length];
        ForEachChild(children.Length, i => now[i] = children[i].Now = ChildHistories.Child(authority, children[i].ChildId, children[i].Events));
        Now = now;
    }

    /// <summary>Every child's history as known now.</summary>
    public IReadOnlyList<ChildRecord> Now { get; }

    public static AuthorityHistories Of(string authority, IReadOnlyList<ProjectedEvent> events) => new(authority, events);

    /// <summary>The histories from events recorded at or before <paramref name="knownAt"/>; as known now when null.</summary>
    public IReadOnlyList<ChildRecord> KnownAt(DateTimeOffset? knownAt)
    {
        if (knownAt is not { } k) return Now;
        if (episodeReportedForTwoChildren) return ChildHistories.Build(authority, events, knownAt);

        var known = new ChildRecord?[children.Length];
        ForEachChild(children.Length, i => known[i] = children[i].KnownAt(authority, k));
        return [.. known.OfType<ChildRecord>()];
    }

    private static void ForEachChild(int count, Action<int> work)
    {
        if (count < ParallelFrom)
        {
            for (var i = 0; i < count; i++) work(i);
            return;
        }
        Parallel.ForEach(Partitioner.Create(0, count, Math.Max(ParallelFrom / 4, count / (4 * Environment.ProcessorCount))), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++) work(i);
        });
    }

    /// <param name="Events">In recording (sequence) order.</param>
    /// <param name="KnownFrom">For each event, the instant from which it counts for this child.</param>
    private sealed class ChildEvents(string childId, List<ProjectedEvent> events, DateTimeOffset[] knownFrom)
    {
        private readonly (int Count, ChildRecord Record)[] earlier = new (int, ChildRecord)[EarlierHistoriesPerChild];
        private int nextSlot;

        public string ChildId { get; } = childId;

        public List<ProjectedEvent> Events { get; } = events;

        public ChildRecord Now { get; set; } = null!;

        /// <summary>The history as known at the instant; none when no event of the child was known yet.</summary>
        public ChildRecord? KnownAt(string authority, DateTimeOffset knownAt)
        {
            var count = 0;
            foreach (var from in knownFrom)
                if (from <= knownAt) count++;
            if (count == 0) return null;
            if (count == Events.Count) return Now;

            lock (earlier)
                foreach (var (c, record) in earlier)
                    if (c == count) return record;

            var known = new List<ProjectedEvent>(count);
            for (var i = 0; i < Events.Count; i++)
                if (knownFrom[i] <= knownAt) known.Add(Events[i]);
            var folded = ChildHistories.Child(authority, ChildId, known);
            lock (earlier)
            {
                earlier[nextSlot] = (count, folded);
                nextSlot = (nextSlot + 1) % earlier.Length;
            }
            return folded;
        }
    }
}
