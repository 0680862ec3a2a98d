using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.ChangingRisk;
using static CareTracking.MissingEpisodes.Tests.Given;

namespace CareTracking.MissingEpisodes.Tests.Episodes;

public class ChangeRiskLevelTests
{
    // Reported at 22:15 on 8 March with risk medium.
    static readonly DateTimeOffset Assessed = new(2025, 3, 9, 8, 0, 0, TimeSpan.Zero);

    static EpisodeDecision When(ChangeRiskLevel command, Episode? episode) => ChangeRiskLevel.Decide(command, episode, Now);

    [Fact]
    public void raising_the_risk_level_records_the_previous_and_new_levels_and_the_reason()
    {
        var decision = When(new ChangeRiskLevel(EpisodeId, Assessed, "high", " Seen with older males "), EpisodeFrom(Report()));

        Assert.Equal([new RiskLevelChanged(EpisodeId, Assessed, "high", "medium", "Seen with older males")], decision.EpisodeEvents);
        Assert.Empty(decision.ChildEvents);
    }

    [Fact]
    public void repeating_an_accepted_change_appends_nothing_even_after_a_later_change()
    {
        var episode = EpisodeFrom(Report(),
            new RiskLevelChanged(EpisodeId, Assessed, "high", "medium", "Seen with older males"),
            new RiskLevelChanged(EpisodeId, Assessed.AddHours(2), "medium", "high", "Located, not yet returned"));

        Assert.True(When(new ChangeRiskLevel(EpisodeId, Assessed, "high", "Seen with older males"), episode).IsEmpty);
    }

    [Fact]
    public void a_change_to_the_level_already_in_force_appends_nothing() =>
        Assert.True(When(new ChangeRiskLevel(EpisodeId, Assessed, "medium", "Reviewed"), EpisodeFrom(Report())).IsEmpty);

    [Fact]
    public void a_change_without_a_reason_is_rejected() =>
        ThenViolates("reason", "risk.reason-required",
            () => When(new ChangeRiskLevel(EpisodeId, Assessed, "high", " "), EpisodeFrom(Report())));

    [Fact]
    public void an_unknown_risk_level_is_rejected() =>
        ThenViolates("riskLevel", "risk.level-unknown",
            () => When(new ChangeRiskLevel(EpisodeId, Assessed, "absent", "Reviewed"), EpisodeFrom(Report())));

    [Fact]
    public void a_change_for_an_episode_never_reported_is_rejected() =>
        ThenViolates("episodeId", "episode.not-reported",
            () => When(new ChangeRiskLevel(EpisodeId, Assessed, "high", "Reviewed"), null));

    [Fact]
    public void a_change_before_the_report_is_rejected() =>
        ThenViolates("at", "risk.before-latest-assessment",
            () => When(new ChangeRiskLevel(EpisodeId, Reported.AddSeconds(-1), "high", "Reviewed"), EpisodeFrom(Report())));

    [Fact]
    public void a_change_before_the_latest_change_is_rejected()
    {
        var episode = EpisodeFrom(Report(), new RiskLevelChanged(EpisodeId, Assessed, "high", "medium", "Seen with older males"));

        ThenViolates("at", "risk.before-latest-assessment",
            () => When(new ChangeRiskLevel(EpisodeId, Assessed.AddSeconds(-1), "low", "Reviewed"), episode));
    }

    [Fact]
    public void a_change_after_the_child_returned_is_rejected()
    {
        var returned = Assessed.AddHours(1);
        var episode = EpisodeFrom(Report(), new ChildReturned(EpisodeId, returned, null));

        ThenViolates("at", "risk.after-return",
            () => When(new ChangeRiskLevel(EpisodeId, returned.AddSeconds(1), "high", "Reviewed"), episode));
    }

    [Fact]
    public void a_change_in_the_future_is_rejected() =>
        ThenViolates("at", "risk.in-future",
            () => When(new ChangeRiskLevel(EpisodeId, Now.AddMinutes(6), "high", "Reviewed"), EpisodeFrom(Report())));

    [Fact]
    public void the_level_of_a_child_at_risk_of_criminal_exploitation_cannot_be_lowered()
    {
        var episode = EpisodeFrom(Report(riskLevel: "high", exploitation: new ExploitationRisk(Criminal: true, Sexual: false)));

        ThenViolates("riskLevel", "risk.criminal-exploitation",
            () => When(new ChangeRiskLevel(EpisodeId, Assessed, "medium", "Located by phone"), episode));
    }

    [Fact]
    public void a_police_inspectors_review_lowers_a_child_at_risk_of_criminal_exploitation_to_medium_with_the_reason_and_reviewer()
    {
        var episode = EpisodeFrom(Report(riskLevel: "high", exploitation: new ExploitationRisk(Criminal: true, Sexual: false)));

        var decision = When(new ChangeRiskLevel(EpisodeId, Assessed, "medium", " Located at a known safe address ", " Insp. 4410 "), episode);

        Assert.Equal([new RiskLevelChanged(EpisodeId, Assessed, "medium", "high", "Located at a known safe address", "Insp. 4410")], decision.EpisodeEvents);
    }

    [Fact]
    public void even_a_review_does_not_lower_a_child_at_risk_of_criminal_exploitation_to_low()
    {
        var episode = EpisodeFrom(Report(riskLevel: "high", exploitation: new ExploitationRisk(Criminal: true, Sexual: false)));

        ThenViolates("riskLevel", "risk.criminal-exploitation",
            () => When(new ChangeRiskLevel(EpisodeId, Assessed, "low", "Located at a known safe address", "Insp. 4410"), episode));
    }

    [Fact]
    public void a_reviewer_given_where_no_review_is_needed_is_not_kept()
    {
        var decision = When(new ChangeRiskLevel(EpisodeId, Assessed, "high", "Seen with older males", "Insp. 4410"), EpisodeFrom(Report()));

        Assert.Null(Assert.IsType<RiskLevelChanged>(Assert.Single(decision.EpisodeEvents)).ReviewedBy);
    }

    [Fact]
    public void the_level_of_a_child_at_risk_of_sexual_exploitation_can_be_lowered_with_a_reason()
    {
        var episode = EpisodeFrom(Report(riskLevel: "high", exploitation: new ExploitationRisk(Criminal: false, Sexual: true)));

        var decision = When(new ChangeRiskLevel(EpisodeId, Assessed, "medium", "Located by phone"), episode);

        Assert.Equal([new RiskLevelChanged(EpisodeId, Assessed, "medium", "high", "Located by phone")], decision.EpisodeEvents);
    }

    [Fact]
    public void a_risk_change_up_to_the_day_care_ended_is_accepted_and_one_after_it_is_rejected()
    {
        // Care ended on 20 March 2025 (GMT) while the child was missing.
        var episode = EpisodeFrom(Report(), new EpisodeClosedAtEndOfCare(EpisodeId, new DateOnly(2025, 3, 20), "care-ended", "E8", CareStart));
        var now = new DateTimeOffset(2025, 3, 25, 12, 0, 0, TimeSpan.Zero);
        var lastSecondOfThe20th = new DateTimeOffset(2025, 3, 20, 23, 59, 59, TimeSpan.Zero);

        Assert.Single(ChangeRiskLevel.Decide(new ChangeRiskLevel(EpisodeId, lastSecondOfThe20th, "high", "Reassessed"), episode, now).EpisodeEvents);
        ThenViolates("at", "risk.after-care-ended",
            () => ChangeRiskLevel.Decide(new ChangeRiskLevel(EpisodeId, lastSecondOfThe20th.AddSeconds(1), "high", "Reassessed"), episode, now));
    }
}
