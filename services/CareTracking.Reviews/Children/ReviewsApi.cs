using CareTracking.EventStore;
using CareTracking.Reviews.Children.AllocatingIro;
using CareTracking.Reviews.Children.CancellingReviews;
using CareTracking.Reviews.Children.CorrectingReviews;
using CareTracking.Reviews.Children.HoldingReviews;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Privacy;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Reviews.Children;

/// <summary>The child-level Reviews route table. Writes need reviews:write, reads reviews:read; the authority
/// comes from the token.</summary>
public static class ReviewsApi
{
    public static void MapChildReviews(this IEndpointRouteBuilder app)
    {
        var child = app.MapGroup("/api/children/{childId}").WithTags("Reviews");

        child.MapPost("/iro-allocations", (string childId, IroAllocationRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, state => AllocateIro.Decide(new AllocateIro(r.Date, r.IroId, r.Team), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.ReviewsWrite);

        child.MapPost("/reviews", (string childId, ReviewRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, state => HoldReview.Decide(new HoldReview(r.Date, r.Participation), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.ReviewsWrite);

        child.MapPost("/review-cancellations", (string childId, ReviewCancellationRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, state => CancelReview.Decide(new CancelReview(r.ReviewDate, r.Reason), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.ReviewsWrite);

        child.MapPost("/review-corrections", (string childId, ReviewCorrectionRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, state => CorrectReview.Decide(
                new CorrectReview(r.ReviewDate, r.Date, r.Participation, r.Reason), state, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.ReviewsWrite);

        child.MapGet("/reviews", async (string childId, HttpContext http, DocumentStore store, ChildReadAudit audit, WorkingDays workingDays) =>
        {
            var state = await ChildStreams.Stream.ReadAsync(http, store, audit, childId, "reviews");
            return Results.Ok(ChildReviewsView.Of(state, workingDays));
        }).RequireAuthorization(Scopes.ReviewsRead);
    }

    private static Task<IResult> Handle(HttpContext http, DocumentStore store, string childId, Guid? eventId, Func<Child, IReadOnlyList<ChildEvent>> decide)
    {
        ChildIds.Validate(childId);
        // A cancellation's or correction's reason is sealed with the child's key (docs/security.md, "Erasure").
        return StreamCommands.HandleAsync(http, store, ChildStreams.Command(childId, eventId, decide) with
        {
            Location = $"/api/children/{childId}/reviews",
            Personal = new PersonalData(http.RequestServices.GetRequiredService<ChildDataKeys>(), childId),
        });
    }
}
