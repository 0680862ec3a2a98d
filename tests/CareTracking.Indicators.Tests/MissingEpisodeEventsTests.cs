using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Projections;

namespace CareTracking.Indicators.Tests;

/// <summary>How the missing-episode events read from the feed become a child's incidents: a closure at the end
/// of care ends the episode unless it was retracted or a return was recorded, in recording order.</summary>
public class MissingEpisodeEventsTests
{
    private static readonly DateTimeOffset LastSeen = new(2024, 3, 8, 21, 30, 0, TimeSpan.Zero);
    private static readonly Guid Episode = new("00000000-0000-0000-0000-0000000000e1");

    private static Model.MissingIncident IncidentFrom(params object[] episodeEvents)
    {
        var events = new List<ProjectedEvent> { new(1, Guid.NewGuid(), "C1", Episode, LastSeen, new MissingEpisodeReported(Episode, "C1", "M", LastSeen)) };
        events.AddRange(episodeEvents.Select((data, i) => new ProjectedEvent(i + 2, Guid.NewGuid(), null, Episode, LastSeen.AddDays(i + 1), data)));
        return Assert.Single(Assert.Single(ChildHistories.Build("831", events, null)).History.Missing);
    }

    [Fact]
    public void an_episode_closed_at_the_end_of_care_ends_on_that_date_without_a_return()
    {
        var incident = IncidentFrom(new EpisodeClosedAtEndOfCare(Episode, new DateOnly(2024, 3, 20)));

        Assert.Equal((new DateOnly(2024, 3, 20), (DateTimeOffset?)null), (incident.ClosedAtEndOfCare, incident.End));
    }

    [Fact]
    public void a_reopened_episode_is_open_again_and_a_later_closure_counts_from_its_own_date()
    {
        Assert.Null(IncidentFrom(
            new EpisodeClosedAtEndOfCare(Episode, new DateOnly(2024, 3, 20)),
            new EpisodeReopened(Episode)).ClosedAtEndOfCare);

        Assert.Equal(new DateOnly(2024, 3, 25), IncidentFrom(
            new EpisodeClosedAtEndOfCare(Episode, new DateOnly(2024, 3, 20)),
            new EpisodeReopened(Episode),
            new EpisodeClosedAtEndOfCare(Episode, new DateOnly(2024, 3, 25))).ClosedAtEndOfCare);
    }

    [Fact]
    public void a_return_recorded_after_the_closure_is_the_end_of_the_episode()
    {
        var returnedAt = LastSeen.AddDays(3);

        var incident = IncidentFrom(new EpisodeClosedAtEndOfCare(Episode, new DateOnly(2024, 3, 20)), new ChildReturned(Episode, returnedAt));

        Assert.Equal((returnedAt, (DateOnly?)null), (incident.End, incident.ClosedAtEndOfCare));
    }

    [Fact]
    public void the_projection_copies_the_end_of_care_events_from_the_feed()
    {
        // The feed is filtered to the stored names the service reads; any other type is skipped, not misread,
        // so these two must be among them for the closures to reach the indicators.
        var types = new ChildEventsProjection(null!).EventTypes!;

        Assert.Contains("missing.episode-closed-at-end-of-care.v1", types);
        Assert.Contains("missing.episode-reopened.v1", types);
        Assert.DoesNotContain("missing.episode-closed-noted.v1", types);
    }

    [Fact]
    public void the_incident_keeps_the_highest_risk_level_the_exploitation_known_at_the_report_where_found_and_when_the_interview_was_completed()
    {
        var events = new List<ProjectedEvent>
        {
            new(1, Guid.NewGuid(), "C1", Episode, LastSeen, new MissingEpisodeReported(Episode, "C1", "M", LastSeen, "medium", new ExploitationFlags(true, false))),
            new(2, Guid.NewGuid(), null, Episode, LastSeen.AddHours(2), new RiskLevelChanged(Episode, LastSeen.AddHours(2), "high")),
            new(3, Guid.NewGuid(), null, Episode, LastSeen.AddHours(5), new RiskLevelChanged(Episode, LastSeen.AddHours(5), "medium")),
            new(4, Guid.NewGuid(), null, Episode, LastSeen.AddHours(9), new ChildReturned(Episode, LastSeen.AddHours(9), " DE1 ")),
            new(5, Guid.NewGuid(), null, Episode, LastSeen.AddHours(40), new ReturnInterviewCompleted(Episode, LastSeen.AddHours(40))),
        };

        var incident = Assert.Single(Assert.Single(ChildHistories.Build("831", events, null)).History.Missing);

        Assert.Equal(("high", true, false, "DE1", (DateTimeOffset?)LastSeen.AddHours(40)),
            (incident.HighestRiskLevel, incident.CriminalExploitation, incident.SexualExploitation, incident.FoundArea, incident.InterviewCompletedAt));
        // A report stored without them (an older shape) reads as not known, not as low risk.
        Assert.Equal((null, false, null), (IncidentFrom().HighestRiskLevel, IncidentFrom().CriminalExploitation, IncidentFrom().FoundArea));
    }

    [Fact]
    public void the_projection_copies_the_risk_level_changes_from_the_feed() =>
        Assert.Contains("missing.risk-level-changed.v1", new ChildEventsProjection(null!).EventTypes!);
}
