using CareTracking.ServiceDefaults.Http;

namespace CareTracking.Reviews.Children;

/// <summary>The Reviews stream of a child (docs/streams.md): type reviews-child, id reviews:{childId}.</summary>
public static class ChildStreams
{
    public static readonly ChildStream<Child, ChildEvent> Stream = new("reviews-child", "reviews:", Child.Initial, Child.Evolve, EffectiveDate);

    public static string IdOf(string childId) => Stream.IdOf(childId);

    public static string ChildIdOf(string streamId) => Stream.ChildIdOf(streamId);

    public static StreamCommand<Child, ChildEvent> Command(string childId, Guid? eventId, Func<Child, IReadOnlyList<ChildEvent>> decide) =>
        Stream.Command(childId, eventId, decide);

    public static DateOnly EffectiveDate(ChildEvent e) => e switch
    {
        CarePeriodNoted n => n.StartDate,
        CarePeriodEndNoted n => n.EndDate,
        CarePeriodReopenNoted n => n.StartDate,
        CarePeriodWithdrawalNoted n => n.StartDate,
        IroAllocated a => a.Date,
        ReviewHeld h => h.Date,
        ReviewCancelled c => c.Date,
        ReviewCorrected c => c.Date,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not an event of the Reviews child stream."),
    };
}
