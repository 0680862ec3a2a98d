using CareTracking.Reviews.Children;
using CareTracking.Reviews.Children.AllocatingIro;
using static CareTracking.Reviews.Tests.Children.ChildSpec;

namespace CareTracking.Reviews.Tests.Children;

public class AllocateIroTests
{
    private static readonly Child InCare = Given(PeriodStarted(D(2025, 6, 2)));

    [Fact]
    public void an_iro_is_allocated() =>
        Then(AllocateIro.Decide(new(D(2025, 6, 4), "IRO-17", "North"), InCare, Now), new IroAllocated(D(2025, 6, 4), "IRO-17", "North"));

    [Fact]
    public void allocating_the_same_iro_again_gives_no_events() =>
        Then(AllocateIro.Decide(new(D(2025, 6, 4), "IRO-17", "North"), Child.Evolve(InCare, new IroAllocated(D(2025, 6, 4), "IRO-17", "North")), Now));

    [Fact]
    public void an_allocation_names_the_iro_and_the_team()
    {
        ThenViolates(() => AllocateIro.Decide(new(D(2025, 6, 4), "", "North"), InCare, Now), "iroId", "iro.id-required");
        ThenViolates(() => AllocateIro.Decide(new(D(2025, 6, 4), "IRO-17", " "), InCare, Now), "team", "iro.team-required");
    }

    [Fact]
    public void an_allocation_dated_after_today_is_refused() =>
        ThenViolates(() => AllocateIro.Decide(new(D(2025, 12, 2), "IRO-17", "North"), InCare, Now), "date", "iro.allocation-in-future");

    [Fact]
    public void an_allocation_before_the_period_of_care_is_refused() =>
        ThenViolates(() => AllocateIro.Decide(new(D(2025, 5, 30), "IRO-17", "North"), InCare, Now), "date", "iro.not-looked-after");

    [Fact]
    public void an_allocation_before_the_care_period_message_arrives_is_accepted_to_await_it() =>
        Then(AllocateIro.Decide(new(D(2025, 12, 1), "IRO-17", "North"), Given(), Now), new IroAllocated(D(2025, 12, 1), "IRO-17", "North"));

    [Fact]
    public void the_iro_on_a_date_is_the_latest_allocation_on_or_before_it()
    {
        var child = Given(PeriodStarted(D(2025, 6, 2)), new IroAllocated(D(2025, 6, 4), "IRO-17", "North"), new IroAllocated(D(2025, 9, 1), "IRO-22", "South"));
        Assert.Null(child.IroOn(D(2025, 6, 3)));
        Assert.Equal("IRO-17", child.IroOn(D(2025, 8, 31))!.IroId);
        Assert.Equal("IRO-22", child.IroOn(D(2025, 9, 1))!.IroId);
    }
}
