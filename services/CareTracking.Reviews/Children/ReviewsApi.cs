using CareTracking.EventStore;
using CareTracking.Reviews.Children.AllocatingIro;
using CareTracking.Reviews.Children.CancellingReviews;
using CareTracking.Reviews.Children.CorrectingReviews;
using CareTracking.Reviews.Children.HoldingReviews;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Privacy;
using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Reviews.Children;

// Request bodies: the command's fields plus an optional eventId for safe retry.
public sealed record IroAllocationRequest(DateOnly Date, string IroId, string Team, Guid? EventId = null);
public sealed record ReviewRequest(DateOnly Date, string Participation, Guid? EventId = null);
public sealed record ReviewCancellationRequest(DateOnly ReviewDate, string Reason, Guid? EventId = null);
public sealed record ReviewCorrectionRequest(DateOnly ReviewDate, DateOnly Date, string Participation, string Reason, Guid? EventId = null);

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
            Handle(http, store, childId, r.EventId, state => RecordReview.Decide(new RecordReview(r.Date, r.Participation), state, clock.GetUtcNow())))
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
            ChildIds.Validate(childId);
            var stored = await store.LightweightSession(http.User.Authority()).Events.FetchStreamAsync(ChildStreams.IdOf(childId), http.RequestAborted);
            if (stored.Count == 0)
            {
                // A lookup of a child the authority does not hold is audited too (docs/security.md).
                await audit.RecordAsync(http, childId, "reviews" + ChildReadAudit.NotFound, http.RequestAborted);
                throw new RecordNotFound("child", childId);
            }
            await audit.RecordAsync(http, childId, "reviews", http.RequestAborted);
            http.Response.SetVersion(stored[^1].Version);
            return Results.Ok(ChildReviewsView.Of(ChildStreams.Fold(stored), workingDays));
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

/// <summary>The Reviews stream of a child (docs/streams.md): type reviews-child, id reviews:{childId}.</summary>
public static class ChildStreams
{
    public const string StreamType = "reviews-child";
    private const string Prefix = "reviews:";

    public static string IdOf(string childId) => Prefix + childId;

    public static string ChildIdOf(string streamId) => streamId.StartsWith(Prefix, StringComparison.Ordinal) ? streamId[Prefix.Length..] : streamId;

    public static Child Fold(IReadOnlyList<StoredEvent> stored) => Child.Fold(stored.Select(e => (ChildEvent)e.Data));

    public static StreamCommand<Child> Command(string childId, Guid? eventId, Func<Child, IReadOnlyList<ChildEvent>> decide) => new(
        StreamType, IdOf(childId), eventId,
        Fold: Fold,
        Decide: decide,
        EffectiveDate: e => EffectiveDate((ChildEvent)e));

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
