using System.Reflection;
using System.Text.Json;
using CareTracking.EventStore;
using CareTracking.Health.Children;
using CareTracking.Ssda903.Health;

namespace CareTracking.Health.Tests.Children;

public class HealthEventsTests
{
    public static TheoryData<HealthEvent, string> Events => new()
    {
        { new CarePeriodNoted(new(2025, 6, 2), "C2", new(2015, 3, 10), Guid.Parse("6f1f6c55-0000-4000-8000-000000000001"), 1), "health.care-period-noted.v1" },
        { new CarePeriodEndNoted(new(2025, 6, 2), new(2025, 9, 1), "E13", Guid.Parse("6f1f6c55-0000-4000-8000-000000000002"), 2), "health.care-period-end-noted.v1" },
        { new CarePeriodReopenNoted(new(2025, 6, 2), new(2025, 9, 1), "C2", Guid.Parse("6f1f6c55-0000-4000-8000-000000000003")), "health.care-period-reopen-noted.v1" },
        { new CarePeriodWithdrawalNoted(new(2025, 6, 2), Guid.Parse("6f1f6c55-0000-4000-8000-000000000004")), "health.care-period-withdrawal-noted.v1" },
        { new HealthAssessmentRequested(new(2025, 6, 3), AssessmentKind.Initial), "health.assessment-requested.v1" },
        { new HealthAssessmentCarriedOut(new(2025, 6, 20), AssessmentKind.Review), "health.assessment-carried-out.v1" },
        { new ImmunisationsChecked(new(2025, 6, 20), true), "health.immunisations-checked.v1" },
        { new DentalCheckDone(new(2025, 6, 20)), "health.dental-check-done.v1" },
        { new DevelopmentCheckDone(new(2025, 6, 20)), "health.development-check-done.v1" },
        { new SdqRecorded(new(2025, 6, 20), 14, null), "health.sdq-recorded.v1" },
        { new SdqRecorded(new(2025, 6, 21), null, "SDQ2"), "health.sdq-recorded.v1" },
        { new SubstanceMisuseIdentified(new(2025, 6, 20), true, false), "health.substance-misuse-identified.v1" },
        { new ConvictionRecorded(new(2025, 6, 20)), "health.conviction-recorded.v1" },
        { new HealthPassportGiven(new(2025, 6, 20)), "health.health-passport-given.v1" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void each_event_has_its_stored_name_and_survives_json_with_web_defaults(HealthEvent @event, string storedName)
    {
        Assert.Equal(storedName, @event.GetType().GetCustomAttribute<EventTypeAttribute>()!.StoredName);
        var json = JsonSerializer.Serialize(@event, @event.GetType(), JsonSerializerOptions.Web);
        Assert.Equal(@event, JsonSerializer.Deserialize(json, @event.GetType(), JsonSerializerOptions.Web));
    }

    [Fact]
    public void every_event_of_the_stream_is_named_and_no_two_share_a_name()
    {
        var types = typeof(HealthEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(HealthEvent)) && !t.IsAbstract).ToList();
        var names = types.Select(t => t.GetCustomAttribute<EventTypeAttribute>()?.StoredName).ToList();
        Assert.DoesNotContain(null, names);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(types.Count, Events.Select(e => e[0].GetType()).Distinct().Count());
    }

    [Fact]
    public void an_assessment_kind_is_stored_as_its_name()
    {
        Assert.Equal("""{"date":"2025-06-20","kind":"Initial"}""",
            JsonSerializer.Serialize(new HealthAssessmentCarriedOut(new(2025, 6, 20), AssessmentKind.Initial), JsonSerializerOptions.Web));
    }

    [Fact]
    public void facts_are_kept_in_date_order_whatever_order_they_were_recorded_in()
    {
        var child = HealthChild.Fold(
        [
            new DentalCheckDone(new(2025, 9, 1)),
            new DentalCheckDone(new(2025, 3, 1)),
            new DentalCheckDone(new(2025, 6, 1)),
        ]);
        Assert.Equal([new(2025, 3, 1), new(2025, 6, 1), new DateOnly(2025, 9, 1)], child.DentalChecks);
    }

    [Fact]
    public void a_child_state_survives_json_with_web_defaults_as_a_read_model_row_would_hold_it()
    {
        var child = HealthChild.Fold(Events.Select(e => (HealthEvent)e[0]));
        var json = JsonSerializer.Serialize(child, JsonSerializerOptions.Web);
        var back = JsonSerializer.Deserialize<HealthChild>(json, JsonSerializerOptions.Web)!;
        Assert.DoesNotContain("\"facts\"", json);
        Assert.Equal(child.Periods, back.Periods);
        Assert.Equal(child.DateOfBirth, back.DateOfBirth);
        Assert.Equal(child.NotedMessages.Order(), back.NotedMessages.Order());
        Assert.Equal(child.Assessments, back.Assessments);
        Assert.Equal(child.Sdqs, back.Sdqs);
        Assert.Equal(child.SubstanceMisuse, back.SubstanceMisuse);
        Assert.Equal(child.HealthPassports, back.HealthPassports);
    }
}
