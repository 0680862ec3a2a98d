using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.RecordingReturn;
using static CareTracking.MissingEpisodes.Tests.Given;

namespace CareTracking.MissingEpisodes.Tests.Episodes;

public class RecordReturnTests
{
    static readonly DateTimeOffset Returned = new(2025, 3, 9, 9, 40, 0, TimeSpan.Zero);

    static EpisodeDecision When(RecordReturn command, Episode? episode) => RecordReturn.Decide(command, episode, Now);

    [Fact]
    public void recording_the_return_closes_the_episode_and_the_child_index()
    {
        var decision = When(new RecordReturn(EpisodeId, Returned, " NG "), EpisodeFrom(Report()));

        Assert.Equal([new ChildReturned(EpisodeId, Returned, "NG")], decision.EpisodeEvents);
        Assert.Equal([new EpisodeReturnedNoted(EpisodeId, Returned)], decision.ChildEvents);
    }

    [Fact]
    public void repeating_the_same_return_appends_nothing()
    {
        var episode = EpisodeFrom(Report(), new ChildReturned(EpisodeId, Returned, "NG"));

        Assert.True(When(new RecordReturn(EpisodeId, Returned, "NG"), episode).IsEmpty);
    }

    [Fact]
    public void a_second_different_return_is_rejected()
    {
        var episode = EpisodeFrom(Report(), new ChildReturned(EpisodeId, Returned, "NG"));

        ThenViolates("returnedAt", "return.already-recorded",
            () => When(new RecordReturn(EpisodeId, Returned.AddMinutes(10), "NG"), episode));
    }

    [Fact]
    public void a_return_at_the_last_seen_instant_is_rejected() =>
        ThenViolates("returnedAt", "return.before-last-seen",
            () => When(new RecordReturn(EpisodeId, LastSeen, null), EpisodeFrom(Report())));

    [Fact]
    public void a_return_one_second_after_last_seen_is_accepted() =>
        Assert.Single(When(new RecordReturn(EpisodeId, LastSeen.AddSeconds(1), null), EpisodeFrom(Report())).EpisodeEvents);

    [Fact]
    public void a_return_in_the_future_is_rejected() =>
        ThenViolates("returnedAt", "return.in-future",
            () => When(new RecordReturn(EpisodeId, Now.AddMinutes(6), null), EpisodeFrom(Report())));

    [Fact]
    public void a_return_for_an_episode_never_reported_is_rejected() =>
        ThenViolates("episodeId", "episode.not-reported", () => When(new RecordReturn(EpisodeId, Returned, null), null));
}
