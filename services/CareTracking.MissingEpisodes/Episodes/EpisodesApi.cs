using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes.ChangingRisk;
using CareTracking.MissingEpisodes.Episodes.RecordingReturn;
using CareTracking.MissingEpisodes.Episodes.RecordingReturnInterview;
using CareTracking.MissingEpisodes.Episodes.ReportingMissing;
using CareTracking.MissingEpisodes.Police;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>The Missing episodes route table. Writes need missing:write, reads missing:read; the authority comes
/// from the token.</summary>
public static class EpisodesApi
{
    public static void MapEpisodes(this IEndpointRouteBuilder app)
    {
        var episodes = app.MapGroup("/api/missing-episodes").WithTags("Missing episodes");

        episodes.MapPost("", async (ReportRequest r, HttpContext http, DocumentStore store, PoliceForces forces, TimeProvider clock) =>
        {
            var childId = ChildIds.Validate(r.ChildId);
            var authority = http.User.Authority();
            var episodeId = r.EpisodeId ?? forces.ChildRefs.EpisodeIdFor(authority, childId, r.LastSeenAt);
            var command = new ReportMissing(episodeId, authority, childId, r.Kind, r.LastSeenAt, r.ReportedAt, r.RiskLevel,
                r.RiskReason, r.ExploitationRisk, r.PoliceReference, r.ReturnedAt, r.FoundArea);
            var (answer, episode) = await EpisodeCommands.RunAsync(http, store, forces, episodeId, childId, r.EventId,
                (child, episode) => ReportMissing.Decide(command, child, episode, clock.GetUtcNow()));
            return Answer(http, episodeId, answer, episode);
        }).RequireAuthorization(Scopes.MissingWrite);

        episodes.MapPost("/{episodeId:guid}/risk-level", (Guid episodeId, RiskLevelRequest r, HttpContext http, DocumentStore store, PoliceForces forces, TimeProvider clock) =>
            Handle(http, store, forces, episodeId, r.EventId, (_, episode) =>
                ChangeRiskLevel.Decide(new ChangeRiskLevel(episodeId, r.At, r.RiskLevel, r.Reason, r.ReviewedBy), episode, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.MissingWrite);

        episodes.MapPost("/{episodeId:guid}/return", (Guid episodeId, ReturnRequest r, HttpContext http, DocumentStore store, PoliceForces forces, TimeProvider clock) =>
            Handle(http, store, forces, episodeId, r.EventId, (child, episode) =>
                RecordReturn.Decide(new RecordReturn(episodeId, r.ReturnedAt, r.FoundArea), child, episode, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.MissingWrite);

        episodes.MapPost("/{episodeId:guid}/return-interview", (Guid episodeId, ReturnInterviewRequest r, HttpContext http, DocumentStore store, PoliceForces forces, TimeProvider clock) =>
            Handle(http, store, forces, episodeId, r.EventId, (_, episode) =>
                RecordReturnInterview.Decide(new RecordReturnInterview(episodeId, r.Outcome, r.At), episode, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.MissingWrite);

        episodes.MapGet("/{episodeId:guid}", async (Guid episodeId, HttpContext http, DocumentStore store, ChildReadAudit audit, TimeProvider clock) =>
        {
            var episode = await ChildReads.RecordAsync(http, store, audit, EpisodeStream.IdOf(episodeId), "missing-episode",
                EpisodeStream.Events.Fold, e => e.ChildId, new RecordNotFound("missing episode", episodeId.ToString()));
            return Results.Ok(EpisodeView.Of(episode, clock.GetUtcNow()));
        }).RequireAuthorization(Scopes.MissingRead);
    }

    /// <summary>A command on a reported episode: the child is the episode's own (unknown episode: 404).</summary>
    private static async Task<IResult> Handle(HttpContext http, DocumentStore store, PoliceForces forces, Guid episodeId, Guid? eventId,
        Func<MissingChild, Episode?, EpisodeDecision> decide)
    {
        var read = await store.LightweightSession(http.User.Authority()).Events.FetchStreamAsync(EpisodeStream.IdOf(episodeId), http.RequestAborted);
        var reported = EpisodeStream.Events.Fold(read) ?? throw new RecordNotFound("missing episode", episodeId.ToString());
        var (answer, episode) = await EpisodeCommands.RunAsync(http, store, forces, episodeId, reported.ChildId, eventId, decide, read);
        return Answer(http, episodeId, answer, episode);
    }

    /// <summary>201 when appended (or a retry of an append), 200 when there was nothing to do; 202 while the
    /// report awaits Placements' confirmation that the child was in care (it is kept, not yet alerted).</summary>
    private static IResult Answer(HttpContext http, Guid episodeId, CommandAnswer answer, Episode? episode)
    {
        var reported = episode ?? throw new RecordNotFound("missing episode", episodeId.ToString());
        var body = new EpisodeAnswer(episodeId, EpisodeView.StatusOf(reported), answer.Version, answer.EventId, answer.Replay);
        var location = $"/api/missing-episodes/{episodeId}";
        http.Response.SetVersion(answer.Version);
        return reported.AwaitingCareConfirmation ? Results.Accepted(location, body)
            : answer.Appended ? Results.Created(location, body)
            : Results.Ok(body);
    }
}
