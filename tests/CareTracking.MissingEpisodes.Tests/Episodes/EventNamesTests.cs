using System.Reflection;
using System.Text.Json;
using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes;
using static CareTracking.MissingEpisodes.Tests.Given;

namespace CareTracking.MissingEpisodes.Tests.Episodes;

public class EventNamesTests
{
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    static IEnumerable<Type> EventTypes() => typeof(Episode).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && (typeof(EpisodeEvent).IsAssignableFrom(t) || typeof(MissingChildEvent).IsAssignableFrom(t)));

    [Fact]
    public void every_event_is_stored_under_its_explicit_versioned_name()
    {
        var names = EventTypes().ToDictionary(t => t.Name, t => t.GetCustomAttribute<EventTypeAttribute>()!.StoredName);

        Assert.Equal(new Dictionary<string, string>
        {
            ["MissingEpisodeReported"] = "missing.missing-episode-reported.v1",
            ["EpisodeCareConfirmed"] = "missing.episode-care-confirmed.v1",
            ["RiskLevelChanged"] = "missing.risk-level-changed.v1",
            ["ChildReturned"] = "missing.child-returned.v1",
            ["ReturnInterviewOffered"] = "missing.return-interview-offered.v1",
            ["ReturnInterviewAccepted"] = "missing.return-interview-accepted.v1",
            ["ReturnInterviewDeclined"] = "missing.return-interview-declined.v1",
            ["ReturnInterviewCompleted"] = "missing.return-interview-completed.v1",
            ["CarePeriodNoted"] = "missing.care-period-noted.v1",
            ["CarePeriodEndNoted"] = "missing.care-period-end-noted.v1",
            ["CarePeriodReopenNoted"] = "missing.care-period-reopen-noted.v1",
            ["CarePeriodWithdrawalNoted"] = "missing.care-period-withdrawal-noted.v1",
            ["PlacementNoted"] = "missing.placement-noted.v1",
            ["EpisodeReportedNoted"] = "missing.episode-reported-noted.v1",
            ["EpisodeReturnedNoted"] = "missing.episode-returned-noted.v1",
            ["EpisodeClosedAtEndOfCare"] = "missing.episode-closed-at-end-of-care.v1",
            ["EpisodeReopened"] = "missing.episode-reopened.v1",
            ["EpisodeClosedNoted"] = "missing.episode-closed-noted.v1",
            ["EpisodeReopenedNoted"] = "missing.episode-reopened-noted.v1",
        }.OrderBy(p => p.Key), names.OrderBy(p => p.Key));
    }

    [Fact]
    public void events_round_trip_through_web_json_with_codes_as_strings_and_no_derived_fields()
    {
        var reported = Report(exploitation: new ExploitationRisk(Criminal: true, Sexual: false));
        var json = JsonSerializer.Serialize(reported, Web);

        Assert.Equal(reported, JsonSerializer.Deserialize<MissingEpisodeReported>(json, Web));
        Assert.Contains("\"kind\":\"M\"", json);
        Assert.Contains("\"exploitationRisk\":{\"criminal\":true,\"sexual\":false}", json);

        var noted = InCare(source: EpisodeId);
        Assert.Equal(noted, JsonSerializer.Deserialize<CarePeriodNoted>(JsonSerializer.Serialize(noted, Web), Web));
        Assert.Contains("\"dateOfBirth\":\"2010-06-15\"", JsonSerializer.Serialize(noted, Web));
    }
}
