using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;

namespace CareTracking.MissingEpisodes.Children;

public sealed record ChildEpisodeSummary(
    Guid EpisodeId,
    string Kind,
    string Status,
    bool AwaitingCareConfirmation,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? ReturnedAt,
    string RiskLevel,
    ReturnInterviewView ReturnInterview,
    DateOnly? ClosedAtEndOfCareOn);

/// <summary>A child's episodes, newest first, with the incidents counted in the last 30 and 90 UK calendar
/// days (today included; held reports are not incidents).</summary>
public sealed record ChildEpisodesView(string ChildId, int IncidentsLast30Days, int IncidentsLast90Days, IReadOnlyList<ChildEpisodeSummary> Episodes);

public static class ChildEpisodesApi
{
    public static void MapChildEpisodes(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/children/{childId}/missing-episodes", async (string childId, HttpContext http, DocumentStore store, ChildReadAudit audit, TimeProvider clock) =>
        {
            var child = await ChildReads.ReadAsync(http, store, audit, childId, MissingChildStream.IdOf(childId), "missing-episodes",
                stored => MissingChildStream.Events.Fold(stored) is { Episodes.IsEmpty: false } known ? known : null, "child with missing episodes");
            var now = clock.GetUtcNow();
            var session = store.LightweightSession(http.User.Authority());
            var episodes = new List<ChildEpisodeSummary>();
            foreach (var entry in child.Episodes.OrderByDescending(e => e.LastSeenAt))
            {
                var e = await EpisodeStream.ReadAsync(session, entry.EpisodeId, http.RequestAborted);
                episodes.Add(new ChildEpisodeSummary(e.EpisodeId, e.Kind, EpisodeView.StatusOf(e), e.AwaitingCareConfirmation,
                    e.LastSeenAt, e.ReturnedAt, e.RiskLevel, EpisodeView.InterviewOf(e, now), e.ClosedAtEndOfCare?.EndedOn));
            }
            return Results.Ok(new ChildEpisodesView(childId, child.IncidentsInLast(30, now), child.IncidentsInLast(90, now), episodes));
        }).WithTags("Missing episodes").RequireAuthorization(Scopes.MissingRead);
}
