using System.Reflection;
using System.Text.Json;
using CareTracking.EventStore;
using CareTracking.Placements.Children;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

public class ChildEventsTests
{
    [Theory]
    [InlineData(typeof(ChildEnteredCare), "placements.child-entered-care.v1")]
    [InlineData(typeof(LegalStatusChanged), "placements.legal-status-changed.v1")]
    [InlineData(typeof(PlacementMoved), "placements.placement-moved.v1")]
    [InlineData(typeof(ChildCeasedCare), "placements.child-ceased-care.v1")]
    [InlineData(typeof(UascStatusChanged), "placements.uasc-status-changed.v1")]
    [InlineData(typeof(EventRetracted), "placements.event-retracted.v1")]
    public void each_event_is_stored_under_its_explicit_name(Type eventType, string storedName) =>
        Assert.Equal(storedName, eventType.GetCustomAttribute<EventTypeAttribute>()!.StoredName);

    [Fact]
    public void every_event_of_the_stream_has_a_stored_name() =>
        Assert.All(
            typeof(ChildEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ChildEvent))),
            t => Assert.NotNull(t.GetCustomAttribute<EventTypeAttribute>()));

    public static TheoryData<ChildEvent> Events() =>
    [
        Entered(),
        new LegalStatusChanged(D("2025-03-01"), "C2"),
        Moved("2025-03-01", Hospital, "B", legalStatus: "C2", reason: null),
        new ChildCeasedCare(D("2025-03-01"), "E4A"),
        new UascStatusChanged(D("2025-03-01"), true),
        new EventRetracted(D("2025-03-01"), Id(1), "Wrong date"),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void events_survive_a_round_trip_through_web_json(ChildEvent original)
    {
        var json = JsonSerializer.Serialize(original, original.GetType(), JsonSerializerOptions.Web);

        Assert.Equal(original, JsonSerializer.Deserialize(json, original.GetType(), JsonSerializerOptions.Web));
    }

    [Fact]
    public void a_move_is_written_with_camel_case_names_and_iso_dates() =>
        Assert.Equal(
            """{"placement":{"type":"T1","provider":null,"postcode":"DE1 2QY","urn":null,"localAuthority":null,"distanceMiles":null},"sameCarer":false,"reason":null,"legalStatus":"C2","reasonNewEpisode":"B","date":"2025-03-01"}""",
            JsonSerializer.Serialize(Moved("2025-03-01", Hospital, "B", legalStatus: "C2", reason: null), JsonSerializerOptions.Web));

    /// <summary>PL_LA and PL_DISTANCE came after the first events were stored: those read them as null, under
    /// the same stored name and without an upcaster.</summary>
    [Fact]
    public void a_move_stored_before_pl_la_and_distance_existed_reads_them_as_null()
    {
        var registry = new EventTypeRegistry().RegisterAssembly(typeof(ChildEvent).Assembly);

        var read = registry.Deserialize("placements.placement-moved.v1",
            """{"placement":{"type":"T1","provider":null,"postcode":"DE1 2QY","urn":null},"sameCarer":false,"reason":null,"legalStatus":"C2","reasonNewEpisode":"B","date":"2025-03-01"}""");

        Assert.Equal(Moved("2025-03-01", Hospital, "B", legalStatus: "C2", reason: null), read);
    }

    [Fact]
    public void pl_la_and_distance_survive_a_round_trip_through_the_store_names()
    {
        var registry = new EventTypeRegistry().RegisterAssembly(typeof(ChildEvent).Assembly);
        var moved = Moved("2025-03-01", Foster with { LocalAuthority = "830", DistanceMiles = 12.5m }, "P");

        var read = registry.Deserialize(registry.StoredNameOf(typeof(PlacementMoved)), registry.Serialize(moved).GetRawText());

        Assert.Equal(moved, read);
    }
}
