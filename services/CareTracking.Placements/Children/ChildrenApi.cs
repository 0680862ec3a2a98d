using CareTracking.EventStore;
using CareTracking.Placements.Children.CeasingCare;
using CareTracking.Placements.Children.ChangingLegalStatus;
using CareTracking.Placements.Children.ChangingUascStatus;
using CareTracking.Placements.Children.Correcting;
using CareTracking.Placements.Children.EnteringCare;
using CareTracking.Placements.Children.Episodes;
using CareTracking.Placements.Children.MovingPlacement;
using CareTracking.Placements.Children.Publishing;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Messaging;
using CareTracking.ServiceDefaults.Privacy;

namespace CareTracking.Placements.Children;

/// <summary>The Placements route table. Every write needs placements:write, every read placements:read; the
/// authority comes from the token.</summary>
public static class ChildrenApi
{
    public static void MapChildren(this IEndpointRouteBuilder app)
    {
        var children = app.MapGroup("/api/children/{childId}").WithTags("Children");

        children.MapPost("/entered-care", (string childId, EnteredCareRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, state => EnterCare.Decide(
                new EnterCare(r.Date, r.LegalStatus, r.CategoryOfNeed, r.Placement, r.HomePostcode, r.Child, r.Ceased, r.PreviousPermanence), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.PlacementsWrite);

        children.MapPost("/legal-status-changes", (string childId, LegalStatusChangeRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, state => ChangeLegalStatus.Decide(new ChangeLegalStatus(r.Date, r.LegalStatus), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.PlacementsWrite);

        children.MapPost("/placement-moves", (string childId, PlacementMoveRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, state => MovePlacement.Decide(
                new MovePlacement(r.Date, r.Placement, r.SameCarer, r.Reason, r.LegalStatus), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.PlacementsWrite);

        children.MapPost("/ceased-care", (string childId, CeasedCareRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, state => CeaseCare.Decide(new CeaseCare(r.Date, r.Reason), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.PlacementsWrite);

        children.MapPost("/uasc-status", (string childId, UascStatusRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, state => ChangeUascStatus.Decide(new ChangeUascStatus(r.Date, r.Uasc), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.PlacementsWrite);

        children.MapPost("/retractions", (string childId, RetractionRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, state => RetractEvent.Decide(new RetractEvent(r.RetractedEventId, r.Reason), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.PlacementsWrite);

        children.MapGet("", async (string childId, HttpContext http, DocumentStore store, ChildReadAudit audit) =>
        {
            var child = await Read(http, store, audit, childId, "current-state");
            return Results.Ok(CurrentState.Of(child));
        }).RequireAuthorization(Scopes.PlacementsRead);

        children.MapGet("/episodes", async (string childId, HttpContext http, DocumentStore store, ChildReadAudit audit) =>
        {
            var child = await Read(http, store, audit, childId, "episodes");
            return Results.Ok(EpisodeHistory.Derive(child));
        }).RequireAuthorization(Scopes.PlacementsRead);

        children.MapGet("/history", async (string childId, HttpContext http, DocumentStore store, ChildReadAudit audit) =>
        {
            var stored = await ReadStream(http, store, audit, childId, "history");
            var retracted = stored.Select(e => e.Data).OfType<EventRetracted>().Select(r => r.RetractedEventId).ToHashSet();
            return Results.Ok(stored.Select(e => new HistoryEntry(e.EventId, e.EventType, e.EffectiveDate, e.RecordedAt, retracted.Contains(e.EventId))));
        }).RequireAuthorization(Scopes.PlacementsRead);
    }

    internal static Task<IResult> Handle(HttpContext http, DocumentStore store, string childId, Guid? eventId,
        Func<Child, IReadOnlyList<ChildEvent>> decide)
    {
        ChildIds.Validate(childId);
        var authority = http.User.Authority();
        return StreamCommands.HandleAsync(http, store, ChildStream.Events.Command(ChildStream.IdOf(childId), eventId,
            (before, _, ids) => Decision(authority, childId, before, decide(before), ids)) with
        {
            Location = $"/api/children/{childId}",
            // Postcodes, the UPN and a retraction's reason are sealed with the child's key (docs/security.md, "Erasure").
            Personal = new PersonalData(http.RequestServices.GetRequiredService<ChildDataKeys>(), childId),
        });
    }

    /// <summary>The child's events and the integration messages they publish (ids derived from the events').</summary>
    public static Decision<ChildEvent> Decision(string authority, string childId, Child before, IReadOnlyList<ChildEvent> events, EventIds ids) =>
        new(events) { Messages = [.. Publications(authority, childId, before, ids.Recorded(events))] };

    private static IEnumerable<OutboxMessage> Publications(string authority, string childId, Child before, IReadOnlyList<Recorded<ChildEvent>> events)
    {
        var state = before;
        foreach (var (id, data) in events)
        {
            var recorded = new RecordedEvent(id, data);
            state = Child.Evolve(state, recorded);
            foreach (var message in CarePeriodPublication.MessagesFor(authority, childId, recorded, state))
                yield return IntegrationMessages.ForBus(authority, childId, id, message);
        }
    }

    private static async Task<IReadOnlyList<StoredEvent>> ReadStream(HttpContext http, DocumentStore store, ChildReadAudit audit, string childId, string what)
    {
        var stored = await ChildReads.StreamAsync(http, store, audit, childId, ChildStream.IdOf(childId), what);
        // Postcodes and the UPN are shown opened ("[erased]" once the child's key is erased).
        return await Sealing.OpenAsync(http.RequestServices.GetRequiredService<ChildDataKeys>(), store, http.User.Authority(), stored, http.RequestAborted);
    }

    /// <summary>The child's folded stream (<see cref="ChildReads.StreamAsync"/>: audited, 404 when none, version as ETag).</summary>
    internal static async Task<Child> Read(HttpContext http, DocumentStore store, ChildReadAudit audit, string childId, string what) =>
        ChildStream.Events.Fold(await ReadStream(http, store, audit, childId, what));
}
