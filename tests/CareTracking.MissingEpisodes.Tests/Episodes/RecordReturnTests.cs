using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.RecordingReturn;
using static CareTracking.MissingEpisodes.Tests.Given;

namespace CareTracking.MissingEpisodes.Tests.Episodes;

public class RecordReturnTests
{
    static readonly DateTimeOffset Returned = new(2025, 3, 9, 9, 40, 0, TimeSpan.Zero);

    static EpisodeDecision When(RecordReturn command, Episode? episode, MissingChild? child = null, DateTimeOffset? now = null) =>
        RecordReturn.Decide(command, child ?? Child(InCare(), new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false)), episode, now ?? Now);

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

    // 903 rule 574: the child went missing again (a later episode) on 9 March at 06:00 UTC.
    static readonly Guid Later = new("00000000-0000-0000-0000-0000000000e2");
    static readonly DateTimeOffset LaterLastSeen = new(2025, 3, 9, 6, 0, 0, TimeSpan.Zero);

    static MissingChild ChildWithLaterEpisode() => Child(InCare(),
        new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false),
        new EpisodeReportedNoted(Later, "A", LaterLastSeen, false));

    [Fact]
    public void a_return_after_the_child_was_last_seen_in_a_later_episode_is_rejected_as_overlapping() =>
        ThenViolates("returnedAt", "episode.overlaps",
            () => When(new RecordReturn(EpisodeId, LaterLastSeen.AddSeconds(1), null), EpisodeFrom(Report()), ChildWithLaterEpisode()));

    [Fact]
    public void a_return_at_the_instant_the_later_episode_began_is_accepted() =>
        Assert.Single(When(new RecordReturn(EpisodeId, LaterLastSeen, null), EpisodeFrom(Report()), ChildWithLaterEpisode()).EpisodeEvents);

    // Care ended on 20 March while the child was missing; the case system records the return on 1 April.
    static readonly DateOnly Ended = new(2025, 3, 20);
    static readonly DateTimeOffset Later1April = new(2025, 4, 1, 12, 0, 0, TimeSpan.Zero);

    static Episode ClosedEpisode() =>
        EpisodeFrom(Report(), new EpisodeClosedAtEndOfCare(EpisodeId, Ended, "care-ended", "E8", CareStart))!;

    static MissingChild ClosedChild() => Child(InCare(),
        new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false),
        new CarePeriodEndNoted(Authority, ChildId, CareStart, Ended, Guid.NewGuid(), "E8"),
        new EpisodeClosedNoted(EpisodeId, Ended, CareStart));

    [Fact]
    public void a_return_on_or_before_the_day_care_ended_replaces_the_closure_and_the_return_interview_becomes_due()
    {
        // 23:59:59 UTC on 20 March is 23:59:59 GMT, the last second of the 20th in England.
        var returnedAt = new DateTimeOffset(2025, 3, 20, 23, 59, 59, TimeSpan.Zero);

        var decision = When(new RecordReturn(EpisodeId, returnedAt, null), ClosedEpisode(), ClosedChild(), Later1April);

        Assert.Equal([new ChildReturned(EpisodeId, returnedAt, null)], decision.EpisodeEvents);
        var episode = Episode.Evolve(ClosedEpisode(), decision.EpisodeEvents[0]);
        var child = MissingChild.Fold([InCare(), new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false),
            new EpisodeClosedNoted(EpisodeId, Ended, CareStart), .. decision.ChildEvents]);
        Assert.Equal(("returned", returnedAt.AddHours(72)), (EpisodeView.StatusOf(episode), episode.ReturnInterviewDueBy));
        Assert.Null(episode.ClosedAtEndOfCare);
        Assert.Equal((returnedAt, (DateOnly?)null), (child.Episodes[0].ReturnedAt, child.Episodes[0].ClosedOn));
    }

    [Fact]
    public void a_return_after_the_day_care_ended_is_rejected()
    {
        // Midnight at the start of 21 March in England (GMT).
        var returnedAt = new DateTimeOffset(2025, 3, 21, 0, 0, 0, TimeSpan.Zero);

        ThenViolates("returnedAt", "return.after-care-ended",
            () => When(new RecordReturn(EpisodeId, returnedAt, null), ClosedEpisode(), ClosedChild(), Later1April));
    }

    [Fact]
    public void the_day_care_ended_is_the_uk_date_of_the_return()
    {
        // Care ended on 1 April 2025 (BST): 22:59:59 UTC on 1 April is 23:59:59 in England, accepted;
        // 23:00 UTC on 1 April is midnight beginning 2 April in England, refused.
        var ended = new DateOnly(2025, 4, 1);
        var episode = EpisodeFrom(Report(), new EpisodeClosedAtEndOfCare(EpisodeId, ended, "care-ended", "E8", CareStart));
        var now = new DateTimeOffset(2025, 4, 10, 12, 0, 0, TimeSpan.Zero);

        Assert.Single(When(new RecordReturn(EpisodeId, new DateTimeOffset(2025, 4, 1, 22, 59, 59, TimeSpan.Zero), null), episode, now: now).EpisodeEvents);
        ThenViolates("returnedAt", "return.after-care-ended",
            () => When(new RecordReturn(EpisodeId, new DateTimeOffset(2025, 4, 1, 23, 0, 0, TimeSpan.Zero), null), episode, now: now));
    }
}
