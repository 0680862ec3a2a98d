using CareTracking.Contracts.Placements;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes;
using static CareTracking.MissingEpisodes.Tests.Given;

namespace CareTracking.MissingEpisodes.Tests.Children;

/// <summary>
/// Placements' messages about one child, stamped with their versions in the child's Placements stream, arriving
/// in another order. The child (in care from 10 January 2024) was last seen on 8 March 2025 (UK date).
/// </summary>
public class ArrivalOrderTests
{
    static readonly DateOnly EndedOn = new(2025, 3, 20);
    static readonly DateOnly LaterEnd = new(2025, 4, 2);

    static Guid Id(int n) => new($"00000000-0000-4000-8000-{n:D12}");

    static CarePeriodStarted Started(long version) => new(Authority, ChildId, CareStart, "C2", "U4", "DE", "F", DateOfBirth, Id((int)version), version);
    static CarePeriodEnded Ended(long version, DateOnly end) => new(Authority, ChildId, CareStart, end, "E4A", Id((int)version), version);
    static CarePeriodReopened Reopened(long version, DateOnly end) => new(Authority, ChildId, CareStart, end, "C2", "U4", "DE", Id((int)version), version);
    static CarePeriodWithdrawn Withdrawn(long version) => new(Authority, ChildId, CareStart, Id((int)version), version);

    static ReportStep Report(DateOnly lastSeenOn) => new(EpisodeId, lastSeenOn);

    static readonly ReportStep LastSeenOn8March = Report(new DateOnly(2025, 3, 8));

    [Fact]
    public void an_end_that_arrives_before_its_start_ends_the_period_and_the_late_start_does_not_reopen_it()
    {
        var service = MissingServiceModel.Run([Ended(2, EndedOn), Started(1)]);

        Assert.Equal([new CarePeriod(CareStart, EndedOn, "E4A")], service.Child.CarePeriods);
        Assert.Equal("DE", service.Child.PlacementAreaOn(CareStart));
    }

    [Fact]
    public void a_withdrawal_that_arrives_before_the_start_it_withdraws_leaves_no_period()
    {
        var service = MissingServiceModel.Run([Withdrawn(2), Started(1)]);

        Assert.Empty(service.Child.CarePeriods);
        Assert.Equal(CareStatus.NeverHeardOf, service.Child.CareStatusOn(new DateOnly(2025, 3, 8)));
    }

    [Fact]
    public void a_reopening_that_arrives_before_the_end_it_retracts_leaves_the_period_and_the_episode_open()
    {
        var service = MissingServiceModel.Run([Started(1), LastSeenOn8March, Reopened(3, EndedOn), Ended(2, EndedOn)]);

        Assert.Equal([new CarePeriod(CareStart, null)], service.Child.CarePeriods);
        Assert.Equal("missing", EpisodeView.StatusOf(service.EpisodeOf(EpisodeId)!));
        Assert.DoesNotContain(service.Streams[EpisodeId], e => e is EpisodeClosedAtEndOfCare);
    }

    [Fact]
    public void a_held_report_is_confirmed_by_a_start_that_arrives_after_a_back_dated_end_as_in_placements_order()
    {
        // In Placements' order the start (v1) had the child in care on 8 March before the end on 1 March (v2) was
        // recorded: in-order delivery confirms the report at v1 and leaves it open (last seen after care ended).
        var service = MissingServiceModel.Run([LastSeenOn8March, Ended(2, new DateOnly(2025, 3, 1)), Started(1)]);

        Assert.Equal([new EpisodeCareConfirmed(EpisodeId, CareStart)], service.Streams[EpisodeId].OfType<EpisodeCareConfirmed>());
        Assert.Equal("missing", EpisodeView.StatusOf(service.EpisodeOf(EpisodeId)!));
    }

    [Fact]
    public void a_start_published_before_the_report_and_arriving_after_it_does_not_confirm_it_when_a_later_message_came_first()
    {
        // The withdrawal (v2) had arrived when the report came: the start (v1) comes before the report in
        // Placements' order, so it does not confirm it (it was withdrawn before the child went missing).
        var service = MissingServiceModel.Run([Withdrawn(2), LastSeenOn8March, Started(1)]);

        Assert.True(service.EpisodeOf(EpisodeId)!.AwaitingCareConfirmation);
        Assert.DoesNotContain(service.Streams[EpisodeId], e => e is EpisodeCareConfirmed);
    }

    [Fact]
    public void a_start_that_arrives_after_the_report_with_nothing_before_it_confirms_it_even_if_its_withdrawal_follows()
    {
        // The narrow case: nothing had arrived when the report came, so the start counts as after the report (the
        // service cannot tell that it was published before). The confirmation stands; the police were told.
        var service = MissingServiceModel.Run([LastSeenOn8March, Started(1), Withdrawn(2)]);

        Assert.False(service.EpisodeOf(EpisodeId)!.AwaitingCareConfirmation);
        Assert.Empty(service.Child.CarePeriods);
    }

    [Fact]
    public void a_closure_at_a_later_end_is_moved_back_and_forth_as_the_earlier_messages_arrive_and_ends_where_placements_order_puts_it()
    {
        var service = new MissingServiceModel();
        foreach (var step in new object[] { Started(1), LastSeenOn8March, Ended(4, LaterEnd) }) service.Take(step);
        Assert.Equal(LaterEnd, service.EpisodeOf(EpisodeId)!.ClosedAtEndOfCare?.EndedOn);

        // The first end (v2) arrives: in Placements' order it closed the episode, and v4 found it closed.
        service.Take(Ended(2, EndedOn));
        Assert.Equal(
            [new EpisodeReopened(EpisodeId, LaterEnd, CareCorrection.PeriodRestated), new EpisodeClosedAtEndOfCare(EpisodeId, EndedOn, "care-ended", "E4A", CareStart)],
            service.Streams[EpisodeId].TakeLast(2));

        // Its retraction (v3) arrives: the end of 2 April is the one in force again.
        service.Take(Reopened(3, EndedOn));
        Assert.Equal(
            [new EpisodeReopened(EpisodeId, EndedOn, CareCorrection.PeriodReopened), new EpisodeClosedAtEndOfCare(EpisodeId, LaterEnd, "care-ended", "E4A", CareStart)],
            service.Streams[EpisodeId].TakeLast(2));
        Assert.Equal((LaterEnd, (DateOnly?)CareStart), (service.Child.Episodes[0].ClosedOn!.Value, service.Child.Episodes[0].ClosedInPeriodStarting));
    }

    [Fact]
    public void messages_without_a_version_are_applied_in_the_order_they_arrive()
    {
        var started = Started(1) with { SourceVersion = null };
        var ended = Ended(2, EndedOn) with { SourceVersion = null };
        var reopened = Reopened(3, EndedOn) with { SourceVersion = null };

        // The reopening arrived before the end it retracts: without versions, the end stands.
        var service = MissingServiceModel.Run([started, reopened, ended]);

        Assert.Equal([new CarePeriod(CareStart, EndedOn, "E4A")], service.Child.CarePeriods);
    }
}
