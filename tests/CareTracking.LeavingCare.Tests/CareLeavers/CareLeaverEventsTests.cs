using System.Reflection;
using System.Text.Json;
using CareTracking.EventStore;
using CareTracking.LeavingCare.CareLeavers;

namespace CareTracking.LeavingCare.Tests.CareLeavers;

public class CareLeaverEventsTests
{
    public static TheoryData<CareLeaverEvent, string> Events => new()
    {
        { new CarePeriodNoted(new(2024, 3, 1), "C2", new(2008, 5, 10), Guid.Parse("6f1f6c55-0000-4000-8000-000000000001"), 1), "leavingcare.care-period-noted.v1" },
        { new CarePeriodEndNoted(new(2024, 3, 1), new(2024, 9, 1), "E5", Guid.Parse("6f1f6c55-0000-4000-8000-000000000002"), 2), "leavingcare.care-period-end-noted.v1" },
        { new CarePeriodReopenNoted(new(2024, 3, 1), new(2024, 9, 1), "C2", Guid.Parse("6f1f6c55-0000-4000-8000-000000000003")), "leavingcare.care-period-reopen-noted.v1" },
        { new CarePeriodWithdrawalNoted(new(2024, 3, 1), Guid.Parse("6f1f6c55-0000-4000-8000-000000000004")), "leavingcare.care-period-withdrawal-noted.v1" },
        { new PersonalAdviserAllocated(new(2024, 9, 2), "PA-7"), "leavingcare.personal-adviser-allocated.v1" },
        { new ContactRecorded(new(2025, 5, 20), "YES", "F2", "D1"), "leavingcare.contact-recorded.v1" },
        { new StayingPutRecorded(new(2026, 5, 10), null), "leavingcare.staying-put-recorded.v1" },
        { new SupportedLodgingsRecorded(new(2024, 10, 1), new(2025, 1, 1)), "leavingcare.supported-lodgings-recorded.v1" },
        { new PathwayPlanReviewed(new(2024, 6, 1)), "leavingcare.pathway-plan-reviewed.v1" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void each_event_has_its_stored_name_and_survives_json_with_web_defaults(CareLeaverEvent @event, string storedName)
    {
        Assert.Equal(storedName, @event.GetType().GetCustomAttribute<EventTypeAttribute>()!.StoredName);
        var json = JsonSerializer.Serialize(@event, @event.GetType(), JsonSerializerOptions.Web);
        Assert.Equal(@event, JsonSerializer.Deserialize(json, @event.GetType(), JsonSerializerOptions.Web));
    }

    [Fact]
    public void every_event_of_the_stream_is_named_and_tested()
    {
        var types = typeof(CareLeaverEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CareLeaverEvent)) && !t.IsAbstract).ToList();
        Assert.All(types, t => Assert.NotNull(t.GetCustomAttribute<EventTypeAttribute>()));
        Assert.Equal(types.Count, Events.Select(e => e[0].GetType()).Distinct().Count());
    }

    [Fact]
    public void a_care_leaver_state_survives_json_with_web_defaults_as_a_read_model_row_would_hold_it()
    {
        var young = CareLeaver.Fold(Events.Select(e => (CareLeaverEvent)e[0]));
        var json = JsonSerializer.Serialize(young, JsonSerializerOptions.Web);
        var back = JsonSerializer.Deserialize<CareLeaver>(json, JsonSerializerOptions.Web)!;
        Assert.DoesNotContain("\"history\"", json);
        Assert.Equal(young.Periods, back.Periods);
        Assert.Equal(young.Contacts, back.Contacts);
        Assert.Equal(young.StayingPut, back.StayingPut);
        Assert.Equal(young.StatusOn(new(2024, 10, 1)), back.StatusOn(new(2024, 10, 1)));
    }
}
