using CareTracking.Contracts.Placements;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Children.NotingCare;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.ClosingAtEndOfCare;
using static CareTracking.MissingEpisodes.Tests.Given;

namespace CareTracking.MissingEpisodes.Tests.Children;

/// <summary>
/// 903 rules 575/577/580: an episode still open when the child's care ends is closed as at the end of care,
/// in the same append as the note of Placements' message. It is not a return. A retracted end of care opens it
/// again. The child (born 15 June 2010, in care from 10 January 2024) was last seen on 8 March 2025 (UK date).
/// </summary>
public class EndOfCareTests
{
    static readonly Guid Source = new("00000000-0000-0000-0000-00000000b001");
    static readonly DateOnly Ended = new(2025, 3, 20);

    static CarePeriodEnded EndedMessage(DateOnly? end = null, DateOnly? start = null, string reason = "E8", Guid? source = null) =>
        new(Authority, ChildId, start ?? CareStart, end ?? Ended, reason, source ?? Source);

    static MissingChildEvent[] MissingChildInCare(DateTimeOffset? lastSeen = null) =>
        [InCare(), new EpisodeReportedNoted(EpisodeId, "M", lastSeen ?? LastSeen, AwaitingCareConfirmation: false)];

    static CareDecision WhenCareEnds(MissingChildEvent[] child, CarePeriodEnded? message = null) =>
        NoteCarePeriodEnded.Decide(new(message ?? EndedMessage()), Child(child), Now);

    [Fact]
    public void care_ending_while_the_child_is_missing_closes_the_episode_as_at_the_end_date_with_the_rec_in_the_same_append()
    {
        var decision = WhenCareEnds(MissingChildInCare());

        Assert.Equal([new EpisodeClosedAtEndOfCare(EpisodeId, Ended, "care-ended", "E8", CareStart)], decision.EpisodeEvents);
        Assert.Equal(
            [new CarePeriodEndNoted(Authority, ChildId, CareStart, Ended, Source, "E8"), new EpisodeClosedNoted(EpisodeId, Ended, CareStart)],
            decision.ChildEvents);
    }

    [Fact]
    public void the_closed_episode_is_no_longer_open_but_is_still_an_incident_with_no_return_interview_due()
    {
        var decision = WhenCareEnds(MissingChildInCare());
        var child = MissingChild.Fold([.. MissingChildInCare(), .. decision.ChildEvents]);
        var episode = Episode.Fold([Report(), .. decision.EpisodeEvents])!;

        Assert.Null(child.OpenEpisode);
        Assert.Equal([EpisodeId], child.Incidents.Select(e => e.EpisodeId));
        Assert.Equal(1, child.IncidentsInLast(30, Now));
        Assert.Equal(("closed-care-ended", false, "not-due"),
            (EpisodeView.StatusOf(episode), episode.IsOpen, episode.ReturnInterviewStatusAt(Now.AddDays(30))));
        Assert.Null(episode.ReturnedAt);
        Assert.Null(episode.ReturnInterviewDueBy);
        Assert.Equal(new EndOfCareClosure(Ended, "care-ended", "E8", CareStart), episode.ClosedAtEndOfCare);
    }

    [Fact]
    public void an_episode_last_seen_on_the_day_care_ended_is_closed_and_one_last_seen_the_day_after_is_left_open()
    {
        // Last seen 8 March. Care ending on 8 March (reported before the end was known) closes it; a back-dated
        // end on 7 March means the child was last seen after care ended (903 rule 578): only a return ends it.
        Assert.Single(WhenCareEnds(MissingChildInCare(), EndedMessage(end: new DateOnly(2025, 3, 8))).ClosedEpisodes);

        var backDated = WhenCareEnds(MissingChildInCare(), EndedMessage(end: new DateOnly(2025, 3, 7)));

        Assert.Empty(backDated.EpisodeEvents);
        Assert.Equal([EpisodeId], MissingChild.Fold([.. MissingChildInCare(), .. backDated.ChildEvents]).Episodes.Where(e => e.IsOpen).Select(e => e.EpisodeId));
    }

    [Fact]
    public void only_an_episode_last_seen_from_the_ending_periods_start_is_closed_by_its_end()
    {
        // Placements ends a period it never announced starting: from 8 March (the last-seen date) it covers the
        // episode; from 9 March it does not.
        var fromLastSeenDate = WhenCareEnds(MissingChildInCare(), EndedMessage(start: new DateOnly(2025, 3, 8)));
        var fromTheDayAfter = WhenCareEnds(MissingChildInCare(), EndedMessage(start: new DateOnly(2025, 3, 9)));

        Assert.Equal([new DateOnly(2025, 3, 8)], fromLastSeenDate.ClosedEpisodes.Select(c => c.CarePeriodStartDate));
        Assert.Empty(fromTheDayAfter.EpisodeEvents);
    }

    [Fact]
    public void a_returned_episode_is_not_closed_when_care_ends()
    {
        var decision = WhenCareEnds([.. MissingChildInCare(), new EpisodeReturnedNoted(EpisodeId, LastSeen.AddHours(5))]);

        Assert.Empty(decision.EpisodeEvents);
        Assert.Single(decision.ChildEvents);
    }

    [Fact]
    public void a_held_report_that_the_ended_period_covers_is_confirmed_and_then_closed_and_the_reason_is_care_ended_without_a_date_of_birth()
    {
        // Placements' CarePeriodEnded for a period whose start we never saw: no date of birth is known.
        var held = Child(new EpisodeReportedNoted(EpisodeId, "M", LastSeen, AwaitingCareConfirmation: true));

        var decision = NoteCarePeriodEnded.Decide(new(EndedMessage()), held, Now);

        Assert.Equal(
            [new EpisodeCareConfirmed(EpisodeId, CareStart), new EpisodeClosedAtEndOfCare(EpisodeId, Ended, "care-ended", "E8", CareStart)],
            decision.EpisodeEvents);
    }

    [Fact]
    public void a_held_report_no_period_covers_is_neither_confirmed_nor_closed()
    {
        var held = Child(new EpisodeReportedNoted(EpisodeId, "M", LastSeen, AwaitingCareConfirmation: true));

        var decision = NoteCarePeriodEnded.Decide(new(EndedMessage(start: new DateOnly(2025, 3, 9))), held, Now);

        Assert.Empty(decision.EpisodeEvents);
    }

    [Fact]
    public void care_ending_on_the_18th_birthday_closes_the_episode_with_reason_18th_birthday()
    {
        // Born 15 June 2010: 18 on 15 June 2028.
        var lastSeen = new DateTimeOffset(2028, 6, 1, 20, 0, 0, TimeSpan.Zero);

        var decision = WhenCareEnds(MissingChildInCare(lastSeen), EndedMessage(end: new DateOnly(2028, 6, 15)));

        Assert.Equal([new EpisodeClosedAtEndOfCare(EpisodeId, new DateOnly(2028, 6, 15), "18th-birthday", "E8", CareStart)], decision.EpisodeEvents);
    }

    [Theory]
    [InlineData("2010-06-15", "2028-06-15", "18th-birthday")]
    [InlineData("2010-06-15", "2028-06-14", "care-ended")]
    [InlineData("2010-06-15", "2028-06-16", "care-ended")]
    // Born 29 February 2008: 18 on 1 March 2026 (no 29 February that year), as English law counts it.
    [InlineData("2008-02-29", "2026-03-01", "18th-birthday")]
    [InlineData("2008-02-29", "2026-02-28", "care-ended")]
    [InlineData(null, "2028-06-15", "care-ended")]
    public void the_reason_is_18th_birthday_only_when_care_ended_on_the_day_the_child_turned_18(string? dateOfBirth, string endedOn, string reason) =>
        Assert.Equal(reason, EndOfCare.ReasonFor(DateOnly.Parse(endedOn), dateOfBirth is null ? null : DateOnly.Parse(dateOfBirth)));

    [Fact]
    public void a_redelivered_end_of_care_closes_nothing_more()
    {
        var decision = WhenCareEnds(MissingChildInCare());
        var child = MissingChild.Fold([.. MissingChildInCare(), .. decision.ChildEvents]);

        Assert.True(NoteCarePeriodEnded.Decide(new(EndedMessage()), child, Now).IsEmpty);
    }

    static MissingChildEvent[] ClosedAtEndOfCare() =>
        [.. MissingChildInCare(), .. WhenCareEnds(MissingChildInCare()).ChildEvents];

    static CarePeriodReopened ReopenedMessage(DateOnly? start = null) =>
        new(Authority, ChildId, start ?? CareStart, Ended, "C2", "U4", "DE", new Guid("00000000-0000-0000-0000-00000000b002"));

    [Fact]
    public void a_retracted_end_of_care_reopens_the_episode_it_closed()
    {
        var decision = NoteCarePeriodReopened.Decide(new(ReopenedMessage()), Child(ClosedAtEndOfCare()), Now);

        Assert.Equal([new EpisodeReopened(EpisodeId, Ended, "care-period-reopened")], decision.EpisodeEvents);
        Assert.Equal(new EpisodeReopenedNoted(EpisodeId), decision.ChildEvents[1]);
        var child = MissingChild.Fold([.. ClosedAtEndOfCare(), .. decision.ChildEvents]);
        var episode = Episode.Fold([Report(), new EpisodeClosedAtEndOfCare(EpisodeId, Ended, "care-ended", "E8", CareStart), .. decision.EpisodeEvents])!;
        Assert.Equal(EpisodeId, child.OpenEpisode?.EpisodeId);
        Assert.Equal("missing", EpisodeView.StatusOf(episode));
        Assert.Null(episode.ClosedAtEndOfCare);
    }

    [Fact]
    public void a_withdrawn_period_of_care_reopens_the_episode_its_end_closed()
    {
        var withdrawn = new CarePeriodWithdrawn(Authority, ChildId, CareStart, new Guid("00000000-0000-0000-0000-00000000b003"));

        var decision = NoteCarePeriodWithdrawn.Decide(new(withdrawn), Child(ClosedAtEndOfCare()), Now);

        Assert.Equal([new EpisodeReopened(EpisodeId, Ended, "care-period-withdrawn")], decision.EpisodeEvents);
        Assert.Equal(EpisodeId, MissingChild.Fold([.. ClosedAtEndOfCare(), .. decision.ChildEvents]).OpenEpisode?.EpisodeId);
    }

    [Fact]
    public void reopening_another_period_leaves_the_closed_episode_closed()
    {
        var decision = NoteCarePeriodReopened.Decide(new(ReopenedMessage(start: new DateOnly(2023, 1, 1))), Child(ClosedAtEndOfCare()), Now);

        Assert.Empty(decision.EpisodeEvents);
    }

    [Fact]
    public void an_episode_returned_after_its_closure_is_not_reopened()
    {
        // Found on 12 March, recorded after care ended on 20 March: the return replaced the closure.
        var child = Child([.. ClosedAtEndOfCare(), new EpisodeReturnedNoted(EpisodeId, LastSeen.AddDays(4))]);

        Assert.Empty(NoteCarePeriodReopened.Decide(new(ReopenedMessage()), child, Now).EpisodeEvents);
    }

    [Fact]
    public void a_closed_episode_is_not_reopened_over_a_later_episode_of_the_child()
    {
        // After the end on 20 March the child came back into care on 1 April and went missing again on 5 April.
        var later = Guid.NewGuid();
        var child = Child([.. ClosedAtEndOfCare(), InCare(start: new DateOnly(2025, 4, 1)),
            new EpisodeReportedNoted(later, "M", new DateTimeOffset(2025, 4, 5, 20, 0, 0, TimeSpan.Zero), false),
            new EpisodeReturnedNoted(later, new DateTimeOffset(2025, 4, 6, 9, 0, 0, TimeSpan.Zero))]);

        Assert.Empty(NoteCarePeriodReopened.Decide(new(ReopenedMessage()), child, Now).EpisodeEvents);
    }

    [Fact]
    public void an_end_of_care_retracted_and_recorded_again_closes_the_episode_at_the_new_date()
    {
        var reopened = NoteCarePeriodReopened.Decide(new(ReopenedMessage()), Child(ClosedAtEndOfCare()), Now);
        var child = Child([.. ClosedAtEndOfCare(), .. reopened.ChildEvents]);

        var again = NoteCarePeriodEnded.Decide(new(EndedMessage(end: new DateOnly(2025, 3, 25), reason: "E4A", source: Guid.NewGuid())), child, Now);

        Assert.Equal([new EpisodeClosedAtEndOfCare(EpisodeId, new DateOnly(2025, 3, 25), "care-ended", "E4A", CareStart)], again.EpisodeEvents);
    }
}
