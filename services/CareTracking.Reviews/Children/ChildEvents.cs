using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Privacy;

namespace CareTracking.Reviews.Children;

// The Reviews stream of one child (the stream id names the child). The care-period events copy what the
// Placements service announced, so that the review schedule is rebuilt from this stream alone and a
// replay never depends on another service's history. Dates are UK local dates; codes are 903 codes.
// SourceEventId is the Placements event a care-period message announced (a redelivery is noted once);
// SourceVersion is that event's version in the child's Placements stream, by which the periods are folded in
// Placements' order whatever order the messages arrived in. Events noted from messages that carried no version
// (published before Placements stamped it) have none.

/// <summary>An event of a child's Reviews stream; the hierarchy is closed to this assembly.</summary>
public abstract record ChildEvent
{
    private protected ChildEvent() { }
}

/// <summary>Placements announced that a period of care began (903 RNE = S). <see cref="LegalStatus"/> at the
/// start decides the review clock (V3/V4 short breaks follow regulation 48). The date of birth is kept for
/// the PN0 age rule and must not be logged.</summary>
[EventType("reviews.care-period-noted", 1)]
public sealed record CarePeriodNoted(DateOnly StartDate, string LegalStatus, DateOnly DateOfBirth, Guid SourceEventId, long? SourceVersion = null) : ChildEvent;

/// <summary>Placements announced that the period of care starting on <see cref="StartDate"/> ended (903 REC
/// other than X1); the child is not looked after from <see cref="EndDate"/>.</summary>
[EventType("reviews.care-period-end-noted", 1)]
public sealed record CarePeriodEndNoted(DateOnly StartDate, DateOnly EndDate, string ReasonEnded, Guid SourceEventId, long? SourceVersion = null) : ChildEvent;

/// <summary>Placements announced that the ending on <see cref="RetractedEndDate"/> of the period of care starting
/// on <see cref="StartDate"/> was retracted: the period is open again.</summary>
[EventType("reviews.care-period-reopen-noted", 1)]
public sealed record CarePeriodReopenNoted(DateOnly StartDate, DateOnly RetractedEndDate, string LegalStatus, Guid SourceEventId, long? SourceVersion = null) : ChildEvent;

/// <summary>Placements announced that the period of care starting on <see cref="StartDate"/> never happened
/// (its entry into care was retracted). Reviews recorded within it stay recorded, but no longer fall in a
/// period of care.</summary>
[EventType("reviews.care-period-withdrawal-noted", 1)]
public sealed record CarePeriodWithdrawalNoted(DateOnly StartDate, Guid SourceEventId, long? SourceVersion = null) : ChildEvent;

/// <summary>An Independent Reviewing Officer was allocated to the child from <see cref="Date"/>.</summary>
[EventType("reviews.iro-allocated", 1)]
public sealed record IroAllocated(DateOnly Date, string IroId, string Team) : ChildEvent;

/// <summary>A statutory review was held; <see cref="Participation"/> is the 903 REVIEW_CODE (PN0–PN7).</summary>
[EventType("reviews.review-held", 1)]
public sealed record ReviewHeld(DateOnly Date, string Participation) : ChildEvent;

/// <summary>The review recorded on <see cref="Date"/> was recorded in error and no longer counts. <see cref="Reason"/>
/// is free text, sealed with the child's key.</summary>
[EventType("reviews.review-cancelled", 1)]
public sealed record ReviewCancelled(DateOnly Date, [property: PersonalText] string Reason) : ChildEvent;

/// <summary>The review recorded on <see cref="ReviewDate"/> is corrected: it was held on <see cref="Date"/>
/// with participation <see cref="Participation"/>. <see cref="Reason"/> is free text, sealed with the child's key.</summary>
[EventType("reviews.review-corrected", 1)]
public sealed record ReviewCorrected(DateOnly ReviewDate, DateOnly Date, string Participation, [property: PersonalText] string Reason) : ChildEvent;
