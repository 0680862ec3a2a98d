using CareTracking.Contracts.Placements;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.MissingEpisodes.Tests;

/// <summary>A Derby child in care since 10 January 2024, placed in the DE postcode area, and the instants
/// the scenarios use. All expected values in the tests are worked out by hand from these.</summary>
static class Given
{
    public const string Authority = "831";
    public const string ChildId = "C1234";
    public static readonly DateOnly DateOfBirth = new(2010, 6, 15);
    public static readonly DateOnly CareStart = new(2024, 1, 10);
    public static readonly Guid EpisodeId = new("00000000-0000-0000-0000-0000000000e1");

    /// <summary>Sunday 9 March 2025, midday (GMT).</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 9, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset LastSeen = new(2025, 3, 8, 21, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Reported = new(2025, 3, 8, 22, 15, 0, TimeSpan.Zero);

    public static CarePeriodNoted InCare(DateOnly? start = null, string? area = "DE", Guid? source = null) =>
        new(Authority, ChildId, start ?? CareStart, area, "F", DateOfBirth, source ?? Guid.NewGuid());

    public static CarePeriodStarted CarePeriodStartedMessage(DateOnly start, Guid source) =>
        new(Authority, ChildId, start, "C2", "U4", "DE", "F", DateOfBirth, source);

    public static MissingChild Child(params MissingChildEvent[] events) => MissingChild.Fold(events);

    public static Episode? EpisodeFrom(params EpisodeEvent[] events) => Episode.Fold(events);

    public static MissingEpisodeReported Report(
        Guid? episodeId = null,
        DateTimeOffset? lastSeen = null,
        string riskLevel = RiskLevel.Medium,
        ExploitationRisk? exploitation = null,
        bool awaitingCare = false) =>
        new(episodeId ?? EpisodeId, Authority, ChildId, MissingKind.Missing, lastSeen ?? LastSeen,
            (lastSeen ?? LastSeen).AddMinutes(45), riskLevel, riskLevel, null, exploitation ?? ExploitationRisk.None,
            "DY-250308-0042", awaitingCare);

    public static RuleViolation Violation(Action when) => Assert.Throws<RuleViolation>(when);

    public static void ThenViolates(string field, string rule, Action when)
    {
        var violation = Assert.Throws<RuleViolation>(when);
        Assert.Equal((field, rule), (violation.Field, violation.Rule));
        Assert.False(string.IsNullOrWhiteSpace(violation.Detail));
    }
}
