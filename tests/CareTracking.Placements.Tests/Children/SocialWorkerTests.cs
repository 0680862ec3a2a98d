using CareTracking.Placements.Children;
using CareTracking.Placements.Children.Adoption;
using CareTracking.Placements.Children.Correcting;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

public class SocialWorkerTests
{
    private static SocialWorkerAllocated Allocated(string date, string id = "SW123456", string reason = "FCONTA") => new(D(date), id, reason);

    [Fact]
    public void a_social_worker_is_allocated() =>
        Then(AllocateSocialWorker.Decide(new(D("2025-01-10"), "SW123456", "FCONTA"), Given(Entered()), Now), Allocated("2025-01-10"));

    [Fact]
    public void a_social_worker_allocated_before_care_began_is_recorded() =>
        Then(AllocateSocialWorker.Decide(new(D("2024-11-01"), "SW123456", "FCONTA"), Given(Entered()), Now), Allocated("2024-11-01"));

    [Fact]
    public void a_social_worker_without_a_social_work_england_number_starts_xx() =>
        Then(AllocateSocialWorker.Decide(new(D("2025-01-10"), "XX0042", "FCONTA"), Given(Entered()), Now), Allocated("2025-01-10", "XX0042"));

    [Fact]
    public void the_same_allocation_posted_again_records_nothing() =>
        ThenNothing(AllocateSocialWorker.Decide(new(D("2025-01-10"), "SW123456", "FCONTA"), Given(Entered(), Allocated("2025-01-10")), Now));

    [Theory]
    [InlineData("AB123")]
    [InlineData("SW")]
    [InlineData("SW-123")]
    [InlineData("sw123")]
    public void an_id_that_is_not_a_social_work_england_number_or_xx_is_rejected(string id) =>
        ThenRejected(() => AllocateSocialWorker.Decide(new(D("2025-01-10"), id, "FCONTA"), Given(Entered()), Now), "socialWorkerId", "social-worker.id-format");

    [Fact]
    public void an_unknown_reason_is_rejected() =>
        ThenRejected(() => AllocateSocialWorker.Decide(new(D("2025-01-10"), "SW1", "BORED"), Given(Entered()), Now), "reason", "code.unknown");

    [Fact]
    public void a_social_worker_for_a_child_with_no_care_history_is_rejected() =>
        ThenRejected(() => AllocateSocialWorker.Decide(new(D("2025-01-10"), "SW1", "FCONTA"), GivenNothing, Now), "from", "care.not-in-care");

    [Fact]
    public void a_new_social_worker_ends_the_previous_episode_that_day()
    {
        var child = Given(Entered(), Allocated("2025-01-10"), Allocated("2025-03-01", "SW999", "LEFTRL"));
        var rows = AdoptionApi.PermanenceOf(child).SocialWorkers;
        Assert.Equal(2, rows.Count);
        Assert.Equal(("SW123456", D("2025-01-10"), (DateOnly?)D("2025-03-01")), (rows[0].SocialWorkerId, rows[0].Start, rows[0].End));
        Assert.Equal(("SW999", D("2025-03-01"), (DateOnly?)null, "LEFTRL"), (rows[1].SocialWorkerId, rows[1].Start, rows[1].End, rows[1].Reason));
    }

    [Fact]
    public void allocating_the_current_social_worker_again_is_rejected() =>
        ThenRejected(() => AllocateSocialWorker.Decide(new(D("2025-03-01"), "SW123456", "MANAGE"), Given(Entered(), Allocated("2025-01-10")), Now),
            "socialWorkerId", "social-worker.unchanged");

    [Fact]
    public void two_social_workers_starting_the_same_day_is_rejected() =>
        ThenRejected(() => AllocateSocialWorker.Decide(new(D("2025-01-10"), "SW999", "MANAGE"), Given(Entered(), Allocated("2025-01-10")), Now),
            "from", "social-worker.same-day");

    [Fact]
    public void the_open_episode_ends() =>
        Then(EndSocialWorker.Decide(new(D("2025-05-01"), "LEFTRL"), Given(Entered(), Allocated("2025-01-10")), Now),
            new SocialWorkerEnded(D("2025-05-01"), "LEFTRL"));

    [Fact]
    public void ending_when_no_social_worker_is_allocated_is_rejected() =>
        ThenRejected(() => EndSocialWorker.Decide(new(D("2025-05-01"), "LEFTRL"), Given(Entered()), Now), "date", "social-worker.none-open");

    [Fact]
    public void ending_before_the_episode_began_is_rejected() =>
        ThenRejected(() => EndSocialWorker.Decide(new(D("2025-01-05"), "LEFTRL"), Given(Entered(), Allocated("2025-02-10")), Now), "date", "social-worker.none-open");

    [Fact]
    public void ending_an_episode_the_day_it_began_is_rejected() =>
        ThenRejected(() => EndSocialWorker.Decide(new(D("2025-01-10"), "LEFTRL"), Given(Entered(), Allocated("2025-01-10")), Now), "date", "social-worker.same-day");

    [Fact]
    public void a_back_dated_end_before_a_recorded_end_is_a_history_conflict() =>
        ThenRejected(() => EndSocialWorker.Decide(new(D("2025-03-01"), "MANAGE"),
            Given(Entered(), Allocated("2025-01-10"), new SocialWorkerEnded(D("2025-05-01"), "LEFTRL")), Now), "date", "history.conflict");

    [Fact]
    public void retracting_the_allocation_under_a_recorded_end_is_a_history_conflict() =>
        ThenRejected(() => RetractEvent.Decide(new(Id(1), "wrong worker"), Given(Entered(), Allocated("2025-01-10"), new SocialWorkerEnded(D("2025-05-01"), "LEFTRL")), Now),
            "eventId", "history.conflict");
}
