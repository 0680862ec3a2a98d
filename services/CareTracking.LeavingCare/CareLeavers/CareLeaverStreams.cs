using CareTracking.ServiceDefaults.Http;

namespace CareTracking.LeavingCare.CareLeavers;

/// <summary>The Leaving-care stream of a young person (docs/streams.md): type leavingcare-child, id
/// leavingcare:{childId}.</summary>
public static class CareLeaverStreams
{
    public static readonly ChildStream<CareLeaver, CareLeaverEvent> Stream = new("leavingcare-child", "leavingcare:", CareLeaver.Initial, CareLeaver.Evolve, EffectiveDate);

    public static DateOnly EffectiveDate(CareLeaverEvent e) => e switch
    {
        CarePeriodNoted n => n.StartDate,
        CarePeriodEndNoted n => n.EndDate,
        CarePeriodReopenNoted n => n.StartDate,
        CarePeriodWithdrawalNoted n => n.StartDate,
        PersonalAdviserAllocated a => a.Date,
        ContactRecorded c => c.Date,
        StayingPutRecorded s => s.From,
        SupportedLodgingsRecorded s => s.From,
        PathwayPlanReviewed p => p.Date,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not an event of the Leaving-care stream."),
    };
}
