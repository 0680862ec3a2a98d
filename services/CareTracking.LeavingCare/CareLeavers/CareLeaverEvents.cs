using CareTracking.EventStore;
namespace CareTracking.LeavingCare.CareLeavers;

// The Leaving-care stream of one young person (the stream id names the child). The care-period events copy what
// Placements announced, with the reason each period ended (adoption, death and transfer end leaving-care duties),
// so that status is worked out from this stream alone. Dates are UK local dates; codes are 903 codes.

/// <summary>An event of a young person's Leaving-care stream; the hierarchy is closed to this assembly.</summary>
public abstract record CareLeaverEvent
{
    private protected CareLeaverEvent() { }
}

/// <summary>Placements announced that a period of care began (RNE S). The date of birth must not be logged.</summary>
[EventType("leavingcare.care-period-noted", 1)]
public sealed record CarePeriodNoted(DateOnly StartDate, string LegalStatus, DateOnly DateOfBirth, Guid SourceEventId, long? SourceVersion = null) : CareLeaverEvent;

/// <summary>Placements announced that the period of care ended with REC <see cref="ReasonEnded"/>.</summary>
[EventType("leavingcare.care-period-end-noted", 1)]
public sealed record CarePeriodEndNoted(DateOnly StartDate, DateOnly EndDate, string ReasonEnded, Guid SourceEventId, long? SourceVersion = null) : CareLeaverEvent;

/// <summary>Placements retracted the ending on <see cref="RetractedEndDate"/>: the period is open again.</summary>
[EventType("leavingcare.care-period-reopen-noted", 1)]
public sealed record CarePeriodReopenNoted(DateOnly StartDate, DateOnly RetractedEndDate, string LegalStatus, Guid SourceEventId, long? SourceVersion = null) : CareLeaverEvent;

/// <summary>Placements retracted the entry into care on <see cref="StartDate"/>.</summary>
[EventType("leavingcare.care-period-withdrawal-noted", 1)]
public sealed record CarePeriodWithdrawalNoted(DateOnly StartDate, Guid SourceEventId, long? SourceVersion = null) : CareLeaverEvent;

/// <summary>A personal adviser was allocated from <see cref="Date"/>.</summary>
[EventType("leavingcare.personal-adviser-allocated", 1)]
public sealed record PersonalAdviserAllocated(DateOnly Date, string AdviserId) : CareLeaverEvent;

/// <summary>The authority was in contact (or tried to be) on <see cref="Date"/> and found the 903 IN_TOUCH,
/// ACTIV and ACCOM codes.</summary>
[EventType("leavingcare.contact-recorded", 1)]
public sealed record ContactRecorded(DateOnly Date, string InTouch, string Activity, string Accommodation) : CareLeaverEvent;

/// <summary>A staying-put arrangement with former foster carers from <see cref="From"/>; <see cref="To"/> is the
/// day it ended, null while it lasts. A later event for the same start replaces the earlier (it records the end).</summary>
[EventType("leavingcare.staying-put-recorded", 1)]
public sealed record StayingPutRecorded(DateOnly From, DateOnly? To) : CareLeaverEvent;

/// <summary>A supported-lodgings arrangement, as <see cref="StayingPutRecorded"/>.</summary>
[EventType("leavingcare.supported-lodgings-recorded", 1)]
public sealed record SupportedLodgingsRecorded(DateOnly From, DateOnly? To) : CareLeaverEvent;

/// <summary>The pathway plan was reviewed on <see cref="Date"/>.</summary>
[EventType("leavingcare.pathway-plan-reviewed", 1)]
public sealed record PathwayPlanReviewed(DateOnly Date) : CareLeaverEvent;
