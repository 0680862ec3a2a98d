using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.RecordingReturnInterview;
using static CareTracking.MissingEpisodes.Tests.Given;

namespace CareTracking.MissingEpisodes.Tests.Episodes;

public class RecordReturnInterviewTests
{
    // Returned 9 March 09:40 UTC, so the 72 hours end at 12 March 09:40:00 UTC.
    static readonly DateTimeOffset Returned = new(2025, 3, 9, 9, 40, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Deadline = new(2025, 3, 12, 9, 40, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Later = new(2025, 3, 20, 12, 0, 0, TimeSpan.Zero);

    static Episode? ReturnedEpisode(params EpisodeEvent[] more) =>
        EpisodeFrom([Report(), new ChildReturned(EpisodeId, Returned, null), .. more]);

    static EpisodeDecision When(RecordReturnInterview command, Episode? episode) =>
        RecordReturnInterview.Decide(command, episode, Later);

    [Fact]
    public void an_offer_at_exactly_72_hours_after_the_return_is_within_72_hours() =>
        Assert.Equal([new ReturnInterviewOffered(EpisodeId, Deadline, Within72Hours: true)],
            When(new RecordReturnInterview(EpisodeId, "offered", Deadline), ReturnedEpisode()).EpisodeEvents);

    [Fact]
    public void an_offer_one_second_after_72_hours_is_not_within_72_hours() =>
        Assert.Equal([new ReturnInterviewOffered(EpisodeId, Deadline.AddSeconds(1), Within72Hours: false)],
            When(new RecordReturnInterview(EpisodeId, "offered", Deadline.AddSeconds(1)), ReturnedEpisode()).EpisodeEvents);

    [Fact]
    public void the_72_hours_are_counted_on_instants_whatever_offset_the_instant_is_written_in()
    {
        // 10:40 at +01:00 is 09:40 UTC: exactly at the deadline.
        var atDeadline = new DateTimeOffset(2025, 3, 12, 10, 40, 0, TimeSpan.FromHours(1));

        var step = Assert.IsType<ReturnInterviewOffered>(Assert.Single(
            When(new RecordReturnInterview(EpisodeId, "offered", atDeadline), ReturnedEpisode()).EpisodeEvents));

        Assert.True(step.Within72Hours);
    }

    [Fact]
    public void each_outcome_is_recorded_as_its_own_event()
    {
        var at = Returned.AddHours(30);

        Assert.Equal(
            [
                new ReturnInterviewOffered(EpisodeId, at, true),
                new ReturnInterviewAccepted(EpisodeId, at, true),
                new ReturnInterviewDeclined(EpisodeId, at, true),
                new ReturnInterviewCompleted(EpisodeId, at, true),
            ],
            new[] { "offered", "accepted", "declined", "completed" }
                .Select(outcome => Assert.Single(When(new RecordReturnInterview(EpisodeId, outcome, at), ReturnedEpisode()).EpisodeEvents)));
    }

    [Fact]
    public void an_interview_at_the_return_instant_is_accepted() =>
        Assert.Single(When(new RecordReturnInterview(EpisodeId, "offered", Returned), ReturnedEpisode()).EpisodeEvents);

    [Fact]
    public void an_interview_before_the_return_is_rejected() =>
        ThenViolates("at", "interview.before-return",
            () => When(new RecordReturnInterview(EpisodeId, "offered", Returned.AddSeconds(-1)), ReturnedEpisode()));

    [Fact]
    public void an_interview_while_the_child_is_still_missing_is_rejected() =>
        ThenViolates("at", "interview.no-return",
            () => When(new RecordReturnInterview(EpisodeId, "offered", Returned), EpisodeFrom(Report())));

    [Fact]
    public void an_unknown_outcome_is_rejected() =>
        ThenViolates("outcome", "interview.outcome-unknown",
            () => When(new RecordReturnInterview(EpisodeId, "refused", Returned.AddHours(1)), ReturnedEpisode()));

    [Fact]
    public void an_interview_in_the_future_is_rejected() =>
        ThenViolates("at", "interview.in-future",
            () => When(new RecordReturnInterview(EpisodeId, "offered", Later.AddMinutes(6)), ReturnedEpisode()));

    [Fact]
    public void repeating_an_accepted_step_appends_nothing() =>
        Assert.True(When(new RecordReturnInterview(EpisodeId, "offered", Returned.AddHours(5)),
            ReturnedEpisode(new ReturnInterviewOffered(EpisodeId, Returned.AddHours(5), true))).IsEmpty);

    [Fact]
    public void a_second_completion_is_rejected() =>
        ThenViolates("outcome", "interview.already-completed",
            () => When(new RecordReturnInterview(EpisodeId, "completed", Returned.AddHours(50)),
                ReturnedEpisode(new ReturnInterviewCompleted(EpisodeId, Returned.AddHours(40), true))));

    [Fact]
    public void an_interview_for_an_episode_never_reported_is_rejected() =>
        ThenViolates("episodeId", "episode.not-reported",
            () => When(new RecordReturnInterview(EpisodeId, "offered", Returned), null));

    [Theory]
    [InlineData(null, "2025-03-10T00:00:00Z", "not-due")]
    [InlineData("2025-03-09T09:40:00Z", "2025-03-12T09:40:00Z", "due")]
    [InlineData("2025-03-09T09:40:00Z", "2025-03-12T09:40:01Z", "overdue")]
    public void the_return_interview_status_follows_the_72_hour_clock(string? returned, string now, string status)
    {
        var events = returned is null
            ? new EpisodeEvent[] { Report() }
            : [Report(), new ChildReturned(EpisodeId, DateTimeOffset.Parse(returned), null)];

        Assert.Equal(status, EpisodeFrom(events)!.ReturnInterviewStatusAt(DateTimeOffset.Parse(now)));
    }

    [Fact]
    public void the_return_interview_status_is_the_latest_outcome_recorded()
    {
        var episode = ReturnedEpisode(
            new ReturnInterviewOffered(EpisodeId, Returned.AddHours(80), false),
            new ReturnInterviewAccepted(EpisodeId, Returned.AddHours(90), false));

        Assert.Equal(("accepted", Deadline), (episode!.ReturnInterviewStatusAt(Later), episode.ReturnInterviewDueBy));
    }
}
