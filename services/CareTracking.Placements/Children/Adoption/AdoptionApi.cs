using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.Ssda903.Permanence;

namespace CareTracking.Placements.Children.Adoption;

/// <summary>The adoption and social-worker routes, beside the care history's (same stream, same rules for
/// retries, If-Match, problems and authority: <see cref="ChildrenApi"/>).</summary>
public static class AdoptionApi
{
    public static void MapAdoption(this IEndpointRouteBuilder app)
    {
        var children = app.MapGroup("/api/children/{childId}").WithTags("Adoption and social workers");

        children.MapPost("/adoption-decisions", (string childId, AdoptionDecisionRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            ChildrenApi.Handle(http, store, childId, r.EventId, state => DecideOnAdoption.Decide(new(r.Date), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.PlacementsWrite);

        children.MapPost("/adoption-decision-reversals", (string childId, AdoptionDecisionReversalRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            ChildrenApi.Handle(http, store, childId, r.EventId, state => ReverseAdoptionDecision.Decide(new(r.Date, r.Reason), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.PlacementsWrite);

        children.MapPost("/adoption-consents", (string childId, AdoptionConsentRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            ChildrenApi.Handle(http, store, childId, r.EventId, state => RecordAdoptionConsent.Decide(new(r.Date), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.PlacementsWrite);

        children.MapPost("/adoption-matches", (string childId, AdoptionMatchRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            ChildrenApi.Handle(http, store, childId, r.EventId, state => MatchWithAdopters.Decide(
                new(r.Date, r.NumberOfAdopters, r.AdopterSex, r.AdopterLegalStatus, r.FormerFosterCarers), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.PlacementsWrite);

        children.MapPost("/social-workers", (string childId, SocialWorkerRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            ChildrenApi.Handle(http, store, childId, r.EventId, state => AllocateSocialWorker.Decide(new(r.From, r.SocialWorkerId, r.Reason), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.PlacementsWrite);

        children.MapPost("/social-workers/end", (string childId, SocialWorkerEndRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            ChildrenApi.Handle(http, store, childId, r.EventId, state => EndSocialWorker.Decide(new(r.Date, r.Reason), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.PlacementsWrite);

        children.MapGet("/permanence", async (string childId, HttpContext http, DocumentStore store, ChildReadAudit audit) =>
        {
            var child = await ChildrenApi.Read(http, store, audit, childId, "permanence");
            return Results.Ok(PermanenceOf(child));
        }).RequireAuthorization(Scopes.PlacementsRead);
    }

    public static PermanenceView PermanenceOf(Child child)
    {
        var timeline = child.Timeline.Select(e => e.Event).ToList();
        var rows = PermanenceDerivation.Derive(timeline.Select(FactOf).OfType<PermanenceFact>());
        return new PermanenceView(rows.PlacedAdoption, rows.Matches, rows.SocialWorkers,
            [.. timeline.OfType<ChildEnteredCare>().Where(e => e.PreviousPermanence is not null)
                .Select(e => new PreviousPermanenceRow(e.Date, e.PreviousPermanence!.Option, e.PreviousPermanence.Date, e.PreviousPermanence.Authority))]);
    }

    public static PermanenceFact? FactOf(ChildEvent change) => change switch
    {
        AdoptionDecisionMade e => new AdoptionDecision(e.Date),
        AdoptionDecisionReversed e => new AdoptionDecisionReversal(e.Date, e.Reason),
        AdoptionConsentGiven e => new AdoptionConsent(e.Date),
        AdoptionMatchMade e => new AdoptionMatch(e.Date, e.NumberOfAdopters, e.AdopterSex, e.AdopterLegalStatus, e.FormerFosterCarers),
        SocialWorkerAllocated e => new SocialWorkerAllocation(e.Date, e.SocialWorkerId, e.Reason),
        SocialWorkerEnded e => new SocialWorkerEnd(e.Date, e.Reason),
        _ => null,
    };
}
