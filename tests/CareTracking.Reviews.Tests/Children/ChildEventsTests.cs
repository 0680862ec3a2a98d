using System.Reflection;
using System.Text.Json;
using CareTracking.EventStore;
using CareTracking.Reviews.Children;

namespace CareTracking.Reviews.Tests.Children;

public class ChildEventsTests
{
    public static TheoryData<ChildEvent, string> Events => new()
    {
        { new CarePeriodNoted(new(2025, 6, 2), "C2", new(2015, 3, 10), Guid.Parse("6f1f6c55-0000-4000-8000-000000000001")), "reviews.care-period-noted.v1" },
        { new CarePeriodEndNoted(new(2025, 6, 2), new(2025, 9, 1), "E13", Guid.Parse("6f1f6c55-0000-4000-8000-000000000002")), "reviews.care-period-end-noted.v1" },
        { new CarePeriodReopenNoted(new(2025, 6, 2), new(2025, 9, 1), "C2", Guid.Parse("6f1f6c55-0000-4000-8000-000000000003")), "reviews.care-period-reopen-noted.v1" },
        { new CarePeriodWithdrawalNoted(new(2025, 6, 2), Guid.Parse("6f1f6c55-0000-4000-8000-000000000004")), "reviews.care-period-withdrawal-noted.v1" },
        { new IroAllocated(new(2025, 6, 4), "IRO-17", "North"), "reviews.iro-allocated.v1" },
        { new ReviewHeld(new(2025, 6, 30), "PN1"), "reviews.review-held.v1" },
        { new ReviewCancelled(new(2025, 6, 30), "error"), "reviews.review-cancelled.v1" },
        { new ReviewCorrected(new(2025, 6, 30), new(2025, 6, 27), "PN5", "typo"), "reviews.review-corrected.v1" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void each_event_has_its_stored_name_and_survives_json_with_web_defaults(ChildEvent @event, string storedName)
    {
        Assert.Equal(storedName, @event.GetType().GetCustomAttribute<EventTypeAttribute>()!.StoredName);
        var json = JsonSerializer.Serialize(@event, @event.GetType(), JsonSerializerOptions.Web);
        Assert.Equal(@event, JsonSerializer.Deserialize(json, @event.GetType(), JsonSerializerOptions.Web));
    }

    [Fact]
    public void review_held_is_stored_as_plain_camel_case_json()
    {
        Assert.Equal("""{"date":"2025-06-30","participation":"PN1"}""",
            JsonSerializer.Serialize(new ReviewHeld(new(2025, 6, 30), "PN1"), JsonSerializerOptions.Web));
    }
}
