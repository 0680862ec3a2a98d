using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.ReportingMissing;
using static CareTracking.MissingEpisodes.Tests.Given;

namespace CareTracking.MissingEpisodes.Tests.Episodes;

public class ReportMissingTests
{
    static ReportMissing Command(
        string kind = MissingKind.Missing,
        DateTimeOffset? lastSeen = null,
        DateTimeOffset? reported = null,
        string riskLevel = RiskLevel.Medium,
        string? riskReason = null,
        ExploitationRisk? exploitation = null,
        Guid? episodeId = null,
        string? policeReference = "DY-250308-0042") =>
        new(episodeId ?? EpisodeId, Authority, ChildId, kind, lastSeen ?? LastSeen, reported ?? Reported, riskLevel,
            riskReason, exploitation ?? ExploitationRisk.None, policeReference);

    static EpisodeDecision When(ReportMissing command, MissingChild child, Episode? episode = null) =>
        ReportMissing.Decide(command, child, episode, Now);

    [Fact]
    public void reporting_a_child_in_care_records_the_episode_and_notes_it_in_the_child_index()
    {
        var decision = When(Command(), Child(InCare()));

        Assert.Equal(
            [new MissingEpisodeReported(EpisodeId, "831", "C1234", "M", LastSeen, Reported, "medium", "medium", null,
                new ExploitationRisk(false, false), "DY-250308-0042", AwaitingCareConfirmation: false)],
            decision.EpisodeEvents);
        Assert.Equal([new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false)], decision.ChildEvents);
    }

    [Fact]
    public void reporting_away_without_authorisation_is_recorded_with_kind_a()
    {
        var decision = When(Command(kind: MissingKind.Away), Child(InCare()));

        Assert.Equal("A", Assert.IsType<MissingEpisodeReported>(Assert.Single(decision.EpisodeEvents)).Kind);
    }

    [Fact]
    public void repeating_an_accepted_report_appends_nothing()
    {
        var child = Child(InCare());
        var first = When(Command(), child);
        var afterFirst = MissingChild.Fold([InCare(), .. first.ChildEvents]);

        var repeat = When(Command(), afterFirst, EpisodeFrom([.. first.EpisodeEvents]));

        Assert.True(repeat.IsEmpty);
    }

    [Fact]
    public void reusing_an_episode_id_for_a_different_report_is_rejected()
    {
        var episode = EpisodeFrom(Report());

        ThenViolates("episodeId", "episode.already-reported",
            () => When(Command(lastSeen: LastSeen.AddHours(-1)), Child(InCare()), episode));
    }

    [Fact]
    public void an_unknown_kind_is_rejected() =>
        ThenViolates("kind", "episode.kind-unknown", () => When(Command(kind: "X"), Child(InCare())));

    [Theory]
    [InlineData("DY 0042")]
    [InlineData("Jane Smith's boyfriend")]
    [InlineData("DY-0042-0042-0042-0042-0042-0042")]
    public void a_police_reference_that_is_not_a_reference_is_rejected(string reference) =>
        // It goes to the police and is kept for ever: a reference, not free text (issue 10, item 11).
        ThenViolates("policeReference", "report.police-reference-format", () => When(Command(policeReference: reference), Child(InCare())));

    [Fact]
    public void an_unknown_risk_level_is_rejected() =>
        ThenViolates("riskLevel", "risk.level-unknown", () => When(Command(riskLevel: "very-high"), Child(InCare())));

    [Fact]
    public void last_seen_more_than_five_minutes_ahead_of_now_is_rejected() =>
        ThenViolates("lastSeenAt", "report.last-seen-in-future",
            () => When(Command(lastSeen: Now.AddMinutes(5).AddSeconds(1), reported: Now.AddMinutes(6)), Child(InCare())));

    [Fact]
    public void last_seen_up_to_five_minutes_ahead_of_now_is_accepted_as_clock_difference() =>
        Assert.False(When(Command(lastSeen: Now.AddMinutes(5), reported: Now.AddMinutes(5)), Child(InCare())).IsEmpty);

    [Fact]
    public void a_report_before_the_child_was_last_seen_is_rejected() =>
        ThenViolates("reportedAt", "report.before-last-seen",
            () => When(Command(reported: LastSeen.AddSeconds(-1)), Child(InCare())));

    [Fact]
    public void a_child_whose_care_ended_before_last_seen_is_rejected_as_not_in_care()
    {
        var child = Child(InCare(), new CarePeriodEndNoted(Authority, ChildId, CareStart, new DateOnly(2025, 2, 1), Guid.NewGuid()));

        ThenViolates("lastSeenAt", "child.not-in-care", () => When(Command(), child));
    }

    [Fact]
    public void a_child_whose_care_ended_on_the_last_seen_date_is_not_in_care_that_day()
    {
        // 903: looked after at D when DEC is after D; last seen 8 March, care ended 8 March.
        var child = Child(InCare(), new CarePeriodEndNoted(Authority, ChildId, CareStart, new DateOnly(2025, 3, 8), Guid.NewGuid()));

        ThenViolates("lastSeenAt", "child.not-in-care", () => When(Command(), child));
    }

    [Fact]
    public void a_child_whose_only_known_care_starts_after_last_seen_is_rejected_as_not_in_care() =>
        ThenViolates("lastSeenAt", "child.not-in-care",
            () => When(Command(), Child(InCare(start: new DateOnly(2025, 3, 9)))));

    [Fact]
    public void a_child_in_care_from_the_last_seen_date_is_in_care() =>
        Assert.False(When(Command(), Child(InCare(start: new DateOnly(2025, 3, 8)))).IsEmpty);

    [Fact]
    public void the_last_seen_date_is_the_uk_local_date_not_the_utc_date()
    {
        // 23:30 UTC on 1 June 2025 is 00:30 BST on 2 June, the day care started.
        var lastSeen = new DateTimeOffset(2025, 6, 1, 23, 30, 0, TimeSpan.Zero);
        var child = Child(InCare(start: new DateOnly(2025, 6, 2)));

        var decision = ReportMissing.Decide(Command(lastSeen: lastSeen, reported: lastSeen.AddHours(1)), child, null, lastSeen.AddHours(2));

        Assert.False(Assert.IsType<MissingEpisodeReported>(Assert.Single(decision.EpisodeEvents)).AwaitingCareConfirmation);
    }

    [Fact]
    public void a_child_never_heard_of_from_placements_is_recorded_awaiting_care_confirmation()
    {
        var decision = When(Command(), MissingChild.Initial);

        Assert.True(Assert.IsType<MissingEpisodeReported>(Assert.Single(decision.EpisodeEvents)).AwaitingCareConfirmation);
        Assert.Equal([new EpisodeReportedNoted(EpisodeId, "M", LastSeen, true)], decision.ChildEvents);
    }

    [Fact]
    public void a_second_open_episode_for_the_child_is_rejected()
    {
        var child = Child(InCare(), new EpisodeReportedNoted(Guid.NewGuid(), "A", LastSeen.AddDays(-2), false));

        ThenViolates("childId", "episode.already-open", () => When(Command(), child));
    }

    [Fact]
    public void a_report_awaiting_care_confirmation_also_counts_as_the_open_episode()
    {
        var child = Child(new EpisodeReportedNoted(Guid.NewGuid(), "M", LastSeen.AddDays(-2), true));

        ThenViolates("childId", "episode.already-open", () => When(Command(), child));
    }

    [Fact]
    public void a_new_episode_after_the_previous_return_is_accepted()
    {
        var previous = Guid.NewGuid();
        var child = Child(InCare(),
            new EpisodeReportedNoted(previous, "M", LastSeen.AddDays(-2), false),
            new EpisodeReturnedNoted(previous, LastSeen.AddDays(-1)));

        Assert.Single(When(Command(), child).EpisodeEvents);
    }

    [Fact]
    public void a_child_last_seen_between_two_periods_of_care_is_rejected_as_not_in_care()
    {
        // 903 rule 578: care ended 1 March, began again 9 March; last seen 8 March.
        var child = Child(InCare(), new CarePeriodEndNoted(Authority, ChildId, CareStart, new DateOnly(2025, 3, 1), Guid.NewGuid()),
            InCare(start: new DateOnly(2025, 3, 9)));

        ThenViolates("lastSeenAt", "child.not-in-care", () => When(Command(), child));
    }

    // 903 rule 574: an earlier episode last seen 5 March 20:00 and returned 7 March 10:00 (UTC, GMT).
    static readonly Guid Earlier = new("00000000-0000-0000-0000-0000000000e0");
    static readonly DateTimeOffset EarlierLastSeen = new(2025, 3, 5, 20, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset EarlierReturned = new(2025, 3, 7, 10, 0, 0, TimeSpan.Zero);

    static MissingChild ChildWithEarlierEpisode() => Child(InCare(),
        new EpisodeReportedNoted(Earlier, "M", EarlierLastSeen, false), new EpisodeReturnedNoted(Earlier, EarlierReturned));

    [Theory]
    [InlineData(0)] // the same last-seen instant: concurrent
    [InlineData(60)]
    [InlineData(2280 * 60 - 1)] // one second before the return
    public void a_report_last_seen_within_an_earlier_episode_of_the_child_is_rejected_as_overlapping(int secondsAfterEarlierLastSeen)
    {
        var lastSeen = EarlierLastSeen.AddSeconds(secondsAfterEarlierLastSeen);

        ThenViolates("lastSeenAt", "episode.overlaps",
            () => When(Command(lastSeen: lastSeen, reported: lastSeen.AddMinutes(30)), ChildWithEarlierEpisode()));
    }

    [Fact]
    public void a_report_last_seen_at_the_earlier_episodes_return_or_before_its_last_seen_is_accepted()
    {
        Assert.Single(When(Command(lastSeen: EarlierReturned, reported: EarlierReturned.AddMinutes(30)), ChildWithEarlierEpisode()).EpisodeEvents);
        var before = EarlierLastSeen.AddSeconds(-1);
        Assert.Single(When(Command(lastSeen: before, reported: before.AddMinutes(30)), ChildWithEarlierEpisode()).EpisodeEvents);
    }

    [Fact]
    public void a_report_last_seen_within_an_episode_closed_at_the_end_of_care_is_rejected_as_overlapping()
    {
        // The earlier episode, last seen 1 March, was closed when care ended on 20 March.
        // Last seen 8 March: in care, but already missing in the earlier episode.
        var child = Child(InCare(),
            new EpisodeReportedNoted(Earlier, "M", new DateTimeOffset(2025, 3, 1, 20, 0, 0, TimeSpan.Zero), false),
            new CarePeriodEndNoted(Authority, ChildId, CareStart, new DateOnly(2025, 3, 20), Guid.NewGuid(), "E8"),
            new EpisodeClosedNoted(Earlier, new DateOnly(2025, 3, 20), CareStart));

        ThenViolates("lastSeenAt", "episode.overlaps", () => When(Command(), child));
    }

    [Fact]
    public void a_report_in_a_period_of_care_already_ended_is_closed_at_that_end_in_the_same_append()
    {
        // Care ended 10 March (E4A); the report of 8 March reaches us afterwards and no return is known.
        var child = Child(InCare(), new CarePeriodEndNoted(Authority, ChildId, CareStart, new DateOnly(2025, 3, 10), Guid.NewGuid(), "E4A"));

        var decision = When(Command(), child);

        Assert.Equal(
            [typeof(MissingEpisodeReported), typeof(EpisodeClosedAtEndOfCare)],
            decision.EpisodeEvents.Select(e => e.GetType()));
        Assert.Equal(new EpisodeClosedAtEndOfCare(EpisodeId, new DateOnly(2025, 3, 10), "care-ended", "E4A", CareStart), decision.EpisodeEvents[1]);
        Assert.Equal(
            [new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false), new EpisodeClosedNoted(EpisodeId, new DateOnly(2025, 3, 10), CareStart)],
            decision.ChildEvents);
    }

    [Fact]
    public void a_report_in_a_period_of_care_still_open_is_not_closed() =>
        Assert.IsType<MissingEpisodeReported>(Assert.Single(When(Command(), Child(InCare())).EpisodeEvents));

    [Fact]
    public void a_child_at_risk_of_criminal_exploitation_is_recorded_high_even_with_a_reason_to_lower()
    {
        var decision = When(Command(riskLevel: RiskLevel.Low, riskReason: "Known to be with grandmother",
            exploitation: new ExploitationRisk(Criminal: true, Sexual: false)), Child(InCare()));

        var reported = Assert.IsType<MissingEpisodeReported>(Assert.Single(decision.EpisodeEvents));
        Assert.Equal(("high", "low"), (reported.RiskLevel, reported.RequestedRiskLevel));
    }

    [Fact]
    public void a_child_at_risk_of_sexual_exploitation_is_recorded_high_when_no_reason_to_lower_is_given()
    {
        var decision = When(Command(riskLevel: RiskLevel.Medium, riskReason: "  ",
            exploitation: new ExploitationRisk(Criminal: false, Sexual: true)), Child(InCare()));

        Assert.Equal("high", Assert.IsType<MissingEpisodeReported>(Assert.Single(decision.EpisodeEvents)).RiskLevel);
    }

    [Fact]
    public void a_child_at_risk_of_sexual_exploitation_keeps_a_lower_level_when_a_reason_is_given()
    {
        var decision = When(Command(riskLevel: RiskLevel.Medium, riskReason: "Located by phone, with a known safe adult",
            exploitation: new ExploitationRisk(Criminal: false, Sexual: true)), Child(InCare()));

        var reported = Assert.IsType<MissingEpisodeReported>(Assert.Single(decision.EpisodeEvents));
        Assert.Equal(("medium", "Located by phone, with a known safe adult"), (reported.RiskLevel, reported.RiskReason));
    }

    [Fact]
    public void the_episode_id_of_a_report_without_one_is_the_same_for_a_retry_and_differs_for_another_last_seen()
    {
        var key = CareTracking.MissingEpisodes.Police.ChildRefKey.Development;
        var first = key.EpisodeIdFor("831", "C1234", LastSeen);
        var retry = key.EpisodeIdFor("831", "C1234", LastSeen.ToOffset(TimeSpan.FromHours(1)));
        var other = key.EpisodeIdFor("831", "C1234", LastSeen.AddSeconds(1));
        var otherAuthority = key.EpisodeIdFor("830", "C1234", LastSeen);

        Assert.Equal(first, retry);
        Assert.NotEqual(first, other);
        Assert.NotEqual(first, otherAuthority);
    }

    [Fact]
    public void rule_violations_carry_no_date_of_birth_or_child_reference()
    {
        var child = Child(InCare(), new CarePeriodEndNoted(Authority, ChildId, CareStart, new DateOnly(2025, 2, 1), Guid.NewGuid()));

        var violation = Violation(() => When(Command(), child));

        Assert.DoesNotContain("C1234", violation.Message);
        Assert.DoesNotContain("2010", violation.Message);
    }
}
