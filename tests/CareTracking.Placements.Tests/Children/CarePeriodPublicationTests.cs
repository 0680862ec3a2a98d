using CareTracking.Contracts.Placements;
using CareTracking.Placements.Children;
using CareTracking.Placements.Children.Publishing;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

public class CarePeriodPublicationTests
{
    private const string Derby = "831";
    private const string ChildId = "C1234";

    /// <summary>The messages for the last of the given events, with the state after all of them.</summary>
    private static IReadOnlyList<object> MessagesForLast(params ChildEvent[] events)
    {
        var last = new RecordedEvent(Id(events.Length - 1), events[^1]);
        return CarePeriodPublication.MessagesFor(Derby, ChildId, last, Given(events));
    }

    [Fact]
    public void entering_care_announces_a_care_period_started_with_the_postcode_area_only() =>
        Assert.Equal(
            [new CarePeriodStarted(Derby, ChildId, D("2025-01-10"), "C1", "U6", "DE", "F", D("2010-06-15"), Id(0), SourceVersion: 1)],
            MessagesForLast(Entered()));

    [Fact]
    public void a_move_announces_the_new_placement_with_the_legal_status_in_force() =>
        Assert.Equal(
            [new PlacementChanged(Derby, ChildId, D("2025-03-01"), "K2", "LE", "C1", Id(1), SourceVersion: 2)],
            MessagesForLast(Entered(), Moved("2025-03-01", ChildrensHome, "P")));

    [Fact]
    public void a_legal_status_change_announces_the_placement_in_force_with_the_new_status() =>
        Assert.Equal(
            [new PlacementChanged(Derby, ChildId, D("2025-03-01"), "U6", "DE", "C2", Id(1), SourceVersion: 2)],
            MessagesForLast(Entered(), new LegalStatusChanged(D("2025-03-01"), "C2")));

    [Fact]
    public void a_back_dated_move_is_announced_with_what_was_in_force_on_its_own_date() =>
        Assert.Equal(
            [new PlacementChanged(Derby, ChildId, D("2025-03-01"), "U4", "NG", "C1", Id(2), SourceVersion: 3)],
            MessagesForLast(Entered(), new LegalStatusChanged(D("2025-05-01"), "C2"), Moved("2025-03-01", OtherFoster, "P")));

    [Fact]
    public void ceasing_care_announces_the_end_of_the_period_with_its_start() =>
        Assert.Equal(
            [new CarePeriodEnded(Derby, ChildId, D("2025-01-10"), D("2025-06-01"), "E4A", Id(2), SourceVersion: 3)],
            MessagesForLast(Entered(), Moved("2025-03-01", ChildrensHome, "P"), new ChildCeasedCare(D("2025-06-01"), "E4A")));

    [Fact]
    public void each_message_carries_the_version_of_its_event_in_the_child_stream_counting_events_that_announce_nothing()
    {
        var history = new RecordedEvent[]
        {
            new(Id(0), Entered()),
            new(Id(1), new UascStatusChanged(D("2025-02-01"), true)),
            new(Id(2), new ChildCeasedCare(D("2025-06-01"), "E4A")),
            new(Id(3), new EventRetracted(D("2025-06-01"), Id(2), "Did not go home")),
        };
        var state = Child.None;
        var versions = new List<long?>();
        foreach (var recorded in history)
        {
            state = Child.Evolve(state, recorded);
            versions.AddRange(CarePeriodPublication.MessagesFor(Derby, ChildId, recorded, state).Select(SourceVersionOf));
        }
        Assert.Equal([1L, 3L, 4L], versions);
    }

    private static long? SourceVersionOf(object message) => message switch
    {
        CarePeriodStarted m => m.SourceVersion,
        CarePeriodEnded m => m.SourceVersion,
        CarePeriodReopened m => m.SourceVersion,
        CarePeriodWithdrawn m => m.SourceVersion,
        PlacementChanged m => m.SourceVersion,
        _ => throw new ArgumentOutOfRangeException(nameof(message)),
    };

    [Fact]
    public void a_uasc_status_change_announces_nothing() =>
        Assert.Empty(MessagesForLast(Entered(), new UascStatusChanged(D("2025-03-01"), true)));

    [Fact]
    public void retracting_a_ceasing_reopens_the_period() =>
        Assert.Equal(
            [new CarePeriodReopened(Derby, ChildId, D("2025-01-10"), D("2025-06-01"), "C1", "K2", "LE", Id(3), SourceVersion: 4)],
            MessagesForLast(
                Entered(), Moved("2025-03-01", ChildrensHome, "P"), new ChildCeasedCare(D("2025-06-01"), "E4A"),
                new EventRetracted(D("2025-06-01"), Id(2), "Did not go home")));

    [Fact]
    public void retracting_an_entry_into_care_withdraws_the_period() =>
        Assert.Equal(
            [new CarePeriodWithdrawn(Derby, ChildId, D("2025-01-10"), Id(1), SourceVersion: 2)],
            MessagesForLast(Entered(), new EventRetracted(D("2025-01-10"), Id(0), "Wrong child")));

    [Fact]
    public void retracting_a_move_announces_the_placement_in_force_on_its_date_without_it() =>
        Assert.Equal(
            [new PlacementChanged(Derby, ChildId, D("2025-03-01"), "U6", "DE", "C1", Id(2), SourceVersion: 3)],
            MessagesForLast(Entered(), Moved("2025-03-01", ChildrensHome, "P"), new EventRetracted(D("2025-03-01"), Id(1), "Wrong home")));
}
