using CareTracking.ServiceDefaults.Http;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Children;

/// <summary>This service's stream of a child (docs/streams.md): type missing-child, id missing:{childId}, holding
/// what Placements told us and the child's episode index.</summary>
public static class MissingChildStream
{
    public static readonly EventStream<MissingChild, MissingChildEvent> Events =
        new("missing-child", MissingChild.Initial, (child, e) => MissingChild.Evolve(child, e.Data), EffectiveDate);

    public static string IdOf(string childId) => $"missing:{childId}";

    /// <summary>The UK date each event happened on, stored beside it for projections.</summary>
    public static DateOnly? EffectiveDate(MissingChildEvent @event) => @event switch
    {
        CarePeriodNoted e => e.StartDate,
        CarePeriodEndNoted e => e.EndDate,
        CarePeriodReopenNoted e => e.StartDate,
        CarePeriodWithdrawalNoted e => e.StartDate,
        PlacementNoted e => e.Date,
        EpisodeReportedNoted e => UkLocalDate.Of(e.LastSeenAt),
        EpisodeReturnedNoted e => UkLocalDate.Of(e.ReturnedAt),
        EpisodeClosedNoted e => e.EndedOn,
        _ => null,
    };
}
