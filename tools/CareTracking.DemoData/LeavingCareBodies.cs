namespace CareTracking.DemoData;

// The Leaving-care service's request bodies (services/CareTracking.LeavingCare, docs/leaving-care.md).
public sealed record PersonalAdviserBody(DateOnly Date, string AdviserId, Guid EventId);
public sealed record CareLeaverContactBody(DateOnly Date, string InTouch, string Activity, string Accommodation, Guid EventId);
public sealed record ArrangementBody(DateOnly From, DateOnly? To, Guid EventId);
public sealed record PathwayPlanReviewBody(DateOnly Date, Guid EventId);
