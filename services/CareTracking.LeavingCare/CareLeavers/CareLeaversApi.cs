using CareTracking.EventStore;
using CareTracking.LeavingCare.CareLeavers.AllocatingAdvisers;
using CareTracking.LeavingCare.CareLeavers.Arrangements;
using CareTracking.LeavingCare.CareLeavers.RecordingContacts;
using CareTracking.LeavingCare.CareLeavers.ReviewingPathwayPlans;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Codes;

namespace CareTracking.LeavingCare.CareLeavers;

/// <summary>The Leaving-care route table. Writes need leavingcare:write, reads leavingcare:read; the authority
/// comes from the token. Reads of one young person and the list are audited (docs/security.md).</summary>
public static class CareLeaversApi
{
    public static void MapCareLeavers(this IEndpointRouteBuilder app)
    {
        var all = app.MapGroup("/api/care-leavers").WithTags("Leaving care");
        var young = all.MapGroup("/{childId}");

        young.MapPost("/personal-adviser", (string childId, PersonalAdviserRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => AllocatePersonalAdviser.Decide(new(r.Date, r.AdviserId), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.LeavingCareWrite);
        young.MapPost("/contacts", (string childId, ContactRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => RecordContact.Decide(new(r.Date, r.InTouch, r.Activity, r.Accommodation), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.LeavingCareWrite);
        young.MapPost("/staying-put", (string childId, ArrangementRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => RecordStayingPut.Decide(new(r.From, r.To), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.LeavingCareWrite);
        young.MapPost("/supported-lodgings", (string childId, ArrangementRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => RecordSupportedLodgings.Decide(new(r.From, r.To), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.LeavingCareWrite);
        young.MapPost("/pathway-plan-reviews", (string childId, PathwayPlanReviewRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => ReviewPathwayPlan.Decide(new(r.Date), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.LeavingCareWrite);

        young.MapGet("", async (string childId, HttpContext http, DocumentStore store, ChildReadAudit audit, TimeProvider clock, string? asAt, string? year) =>
        {
            var date = Query.Date("asAt", asAt) ?? UkLocalDate.Of(clock.GetUtcNow());
            // year names the collection year by the 31 March it ends on, as the Indicators API does (year=2025 is 2024/25).
            var yearEnding = Query.Int("year", year ?? CollectionYear.Of(date).LastDay.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), 2000, 2100);
            var careLeaver = await CareLeaverStreams.Stream.ReadAsync(http, store, audit, childId, "care-leaver");
            return Results.Ok(CareLeaverView.Of(careLeaver, date, new CollectionYear(yearEnding - 1)));
        }).RequireAuthorization(Scopes.LeavingCareRead);

        // From the read model (eventually consistent), not by replaying every stream. Each young person listed is
        // audited, as a work list's children are.
        all.MapGet("", async (HttpContext http, CareLeaversProjection rows, ChildReadAudit audit, TimeProvider clock, string? asAt) =>
        {
            var date = Query.Date("asAt", asAt) ?? UkLocalDate.Of(clock.GetUtcNow());
            var known = await rows.ChildrenOfAsync(http.User.Authority(), http.RequestAborted);
            var listed = CareLeaverList.AsAt(known.Select(c => (c.Key, c.Value)), date);
            await audit.RecordManyAsync(http, [.. listed.Select(e => e.ChildId)], "care-leavers", http.RequestAborted);
            return Results.Ok(new CareLeaverListAnswer(date, listed));
        }).RequireAuthorization(Scopes.LeavingCareRead);
    }

    private static Task<IResult> Handle(HttpContext http, DocumentStore store, string childId, Guid? eventId, Func<CareLeaver, IReadOnlyList<CareLeaverEvent>> decide) =>
        CareLeaverStreams.Stream.HandleAsync(http, store, childId, eventId, decide, $"/api/care-leavers/{childId}");
}
