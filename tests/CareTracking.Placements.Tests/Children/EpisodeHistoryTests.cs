using CareTracking.Placements.Children;
using CareTracking.Placements.Children.Episodes;
using CareTracking.Ssda903.Episodes;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

public class EpisodeHistoryTests
{
    // Foster = U6 PR1 "DE22 3NE" SC123456; ChildrensHome = K2 PR4 "LE1 6ZG" SC111111; Hospital = T1 "DE1 2QY".
    private static EpisodeRow FosterRow(string decom, string rne, string ls, string? dec = null, string? rec = null, string? reason = null) =>
        new(D(decom), rne, ls, "N1", "U6", "PR1", dec is null ? null : D(dec), rec, reason, "DE1 1AA", "DE22 3NE", "SC123456");

    private static EpisodeRow HomeRow(string decom, string rne, string ls, string? dec = null, string? rec = null, string? reason = null) =>
        new(D(decom), rne, ls, "N1", "K2", "PR4", dec is null ? null : D(dec), rec, reason, "DE1 1AA", "LE1 6ZG", "SC111111");

    [Fact]
    public void entering_care_opens_an_episode_that_starts_a_period_of_care() =>
        Assert.Equal([FosterRow("2025-01-10", "S", "C1")], EpisodeHistory.Derive(Given(Entered())));

    [Fact]
    public void a_legal_status_change_ends_the_episode_with_x1_and_starts_an_l_episode_the_same_day() =>
        Assert.Equal(
            [FosterRow("2025-01-10", "S", "C1", "2025-03-01", "X1"), FosterRow("2025-03-01", "L", "C2")],
            EpisodeHistory.Derive(Given(Entered(), new LegalStatusChanged(D("2025-03-01"), "C2"))));

    [Fact]
    public void a_move_records_its_reason_against_the_episode_that_ends() =>
        Assert.Equal(
            [FosterRow("2025-01-10", "S", "C1", "2025-03-01", "X1", "CREQB"), HomeRow("2025-03-01", "P", "C1")],
            EpisodeHistory.Derive(Given(Entered(), Moved("2025-03-01", ChildrensHome, "P", reason: "CREQB"))));

    [Fact]
    public void a_same_day_change_of_legal_status_and_placement_is_one_new_episode() =>
        Assert.Equal(
            [FosterRow("2025-01-10", "S", "C1", "2025-03-01", "X1", "CARPL"), HomeRow("2025-03-01", "B", "C2")],
            EpisodeHistory.Derive(Given(Entered(), Moved("2025-03-01", ChildrensHome, "B", legalStatus: "C2"))));

    [Fact]
    public void a_temporary_placement_and_the_return_are_episodes_of_their_own() =>
        Assert.Equal(
            [
                FosterRow("2025-01-10", "S", "C1", "2025-03-01", "X1"),
                new(D("2025-03-01"), "P", "C1", "N1", "T1", null, D("2025-03-08"), "X1", null, "DE1 1AA", "DE1 2QY", null),
                FosterRow("2025-03-08", "P", "C1"),
            ],
            EpisodeHistory.Derive(Given(
                Entered(), Moved("2025-03-01", Hospital, "P", reason: null), Moved("2025-03-08", Foster, "P", reason: null))));

    [Fact]
    public void two_periods_of_care_each_start_with_s_and_the_first_ends_with_its_reason() =>
        Assert.Equal(
            [FosterRow("2025-01-10", "S", "C1", "2025-03-01", "E4A"), HomeRow("2025-05-01", "S", "V2")],
            EpisodeHistory.Derive(Given(
                Entered(), new ChildCeasedCare(D("2025-03-01"), "E4A"),
                Entered(date: "2025-05-01", legalStatus: "V2", placement: ChildrensHome))));

    [Fact]
    public void a_back_dated_move_lands_in_its_place_by_date() =>
        Assert.Equal(
            [
                FosterRow("2025-01-10", "S", "C1", "2025-03-01", "X1", "CARPL"),
                new(D("2025-03-01"), "P", "C1", "N1", "U4", "PR4", D("2025-06-01"), "X1", "CREQB", "DE1 1AA", "NG7 2RD", "SC654321"),
                HomeRow("2025-06-01", "P", "C1"),
            ],
            EpisodeHistory.Derive(Given(
                Entered(),
                Moved("2025-06-01", ChildrensHome, "P", reason: "CREQB"),
                Moved("2025-03-01", OtherFoster, "P"))));

    [Fact]
    public void retracted_events_are_left_out() =>
        Assert.Equal(
            [FosterRow("2025-01-10", "S", "C1")],
            EpisodeHistory.Derive(Given(
                Entered(), Moved("2025-03-01", ChildrensHome, "P"), new EventRetracted(D("2025-03-01"), Id(1), "Wrong child"))));

    [Fact]
    public void a_uasc_status_change_does_not_start_an_episode() =>
        Assert.Equal([FosterRow("2025-01-10", "S", "C1")],
            EpisodeHistory.Derive(Given(Entered(), new UascStatusChanged(D("2025-03-01"), true))));

    [Fact]
    public void a_child_never_in_care_has_no_episodes() => Assert.Empty(EpisodeHistory.Derive(GivenNothing));
}
