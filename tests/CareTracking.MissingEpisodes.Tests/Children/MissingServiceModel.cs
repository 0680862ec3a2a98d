using CareTracking.Contracts.Placements;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Children.NotingCare;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.RecordingReturn;
using CareTracking.MissingEpisodes.Episodes.ReportingMissing;
using CareTracking.ServiceDefaults.Problems;
using CareTracking.Testing;

namespace CareTracking.MissingEpisodes.Tests.Children;

/// <summary>The case system reports the child missing, last seen at midday (UTC) on a date.</summary>
public sealed record ReportStep(Guid EpisodeId, DateOnly LastSeenOn)
{
    public DateTimeOffset LastSeenAt => new(LastSeenOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}

/// <summary>The case system records the episode's return, some days after the child was last seen.</summary>
public sealed record ReturnStep(Guid EpisodeId, DateTimeOffset ReturnedAt);

/// <summary>
/// The Missing episodes service as the consumer and the endpoints drive it, without storage: each step is
/// decided on the child's state and the episode's stream, and the events are folded in, as in one transaction.
/// Rejected reports and returns are kept by rule id.
/// </summary>
public sealed class MissingServiceModel
{
    /// <summary>Later than every date a history reaches, so that no report or return is "in the future".</summary>
    private static readonly DateTimeOffset Now = new(2045, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<Guid, List<EpisodeEvent>> streams = [];

    public MissingChild Child { get; private set; } = MissingChild.Initial;

    /// <summary>What each report and return was answered, in order: "accepted" or the rule it broke.</summary>
    public List<string> Answers { get; } = [];

    public IReadOnlyDictionary<Guid, List<EpisodeEvent>> Streams => streams;

    public Episode? EpisodeOf(Guid episodeId) => Episode.Fold(streams.GetValueOrDefault(episodeId) ?? []);

    public static MissingServiceModel Run(IEnumerable<object> steps)
    {
        var service = new MissingServiceModel();
        foreach (var step in steps) service.Take(step);
        return service;
    }

    public void Take(object step)
    {
        switch (step)
        {
            case ReportStep r:
                Answer(() => ReportMissing.Decide(
                    new ReportMissing(r.EpisodeId, PlacementsHistory.Authority, PlacementsHistory.ChildId, MissingKind.Missing, r.LastSeenAt,
                        r.LastSeenAt.AddHours(1), RiskLevel.Medium, null, ExploitationRisk.None, null),
                    Child, EpisodeOf(r.EpisodeId), Now));
                break;
            case ReturnStep r:
                Answer(() => RecordReturn.Decide(new RecordReturn(r.EpisodeId, r.ReturnedAt, null), Child, EpisodeOf(r.EpisodeId), Now));
                break;
            default:
                var noted = Note(step, Child);
                // The consumer reads only these episodes' streams before deciding: the decision must touch no other.
                Assert.Subset(Child.EpisodesACareMessageMayChange.ToHashSet(), noted.EpisodeEvents.Select(e => e.EpisodeId).ToHashSet());
                Apply(noted);
                break;
        }
    }

    private void Answer(Func<EpisodeDecision> decide)
    {
        try
        {
            var decision = decide();
            Apply(new CareDecision(decision.ChildEvents, decision.EpisodeEvents));
            Answers.Add("accepted");
        }
        catch (RuleViolation violation)
        {
            Answers.Add(violation.Rule);
        }
    }

    private void Apply(CareDecision decision)
    {
        Child = decision.ChildEvents.Aggregate(Child, MissingChild.Evolve);
        foreach (var @event in decision.EpisodeEvents)
        {
            if (!streams.TryGetValue(@event.EpisodeId, out var stream)) streams[@event.EpisodeId] = stream = [];
            stream.Add(@event);
        }
    }

    private static CareDecision Note(object message, MissingChild child) => message switch
    {
        CarePeriodStarted m => NoteCarePeriodStarted.Decide(new(m), child, Now),
        CarePeriodEnded m => NoteCarePeriodEnded.Decide(new(m), child, Now),
        PlacementChanged m => NotePlacementChanged.Decide(new(m), child, Now),
        CarePeriodReopened m => NoteCarePeriodReopened.Decide(new(m), child, Now),
        CarePeriodWithdrawn m => NoteCarePeriodWithdrawn.Decide(new(m), child, Now),
        _ => throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "Not a Placements message."),
    };
}
