using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Model;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

// Instants are UTC. British Summer Time 2023: 26/03 01:00Z to 29/10 01:00Z; 2024 from 31/03 01:00Z.
public class MissingFromCareTests
{
    private static ChildHistory InCare(string id) => Child(id, Episode("2022-01-01", "S", "K2"));

    [Fact]
    public void an_incident_starting_on_31_march_uk_time_is_in_the_year_and_one_starting_on_1_april_is_not()
    {
        // 31/03/2023 23:30Z = 01/04/2023 00:30 BST: in. 31/03/2024 22:59Z = 23:59 BST on 31 March: in.
        // 31/03/2024 23:00Z = 00:00 BST on 1 April: next year. Incidents 2, children 1.
        var child = InCare("C1").WithMissing(
            Missing("2023-03-31T23:30:00Z", "2023-04-01T09:00:00Z"),
            Missing("2024-03-31T22:59:00Z", "2024-04-01T09:00:00Z"),
            Missing("2024-03-31T23:00:00Z", "2024-04-01T09:00:00Z"));

        var report = Report(Year2024, child);

        Assert.Equal(2m, report["missingIncidents"].Value);
        Assert.Equal(1m, report["childrenMissing"].Value);
    }

    [Fact]
    public void away_incidents_are_counted_apart_from_missing_ones()
    {
        // A: 2 missing, 1 away. B: 1 away. Missing 2 / 1 child (2.0 per child); away 2 / 2 children (1.0).
        var a = InCare("A").WithMissing(
            Missing("2023-05-01T20:00:00Z", "2023-05-02T08:00:00Z"),
            Missing("2023-06-01T20:00:00Z", "2023-06-02T08:00:00Z"),
            Away("2023-07-01T20:00:00Z", "2023-07-01T23:00:00Z"));
        var b = InCare("B").WithMissing(Away("2023-08-01T20:00:00Z", "2023-08-01T23:00:00Z"));

        var report = Report(Year2024, a, b);

        Assert.Equal((2m, 1m, 2.0m), (report["missingIncidents"].Value, report["childrenMissing"].Value, report["incidentsPerMissingChild"].Value));
        Assert.Equal((2m, 2m, 1.0m), (report["awayIncidents"].Value, report["childrenAway"].Value, report["incidentsPerAwayChild"].Value));
    }

    [Fact]
    public void incidents_of_children_not_looked_after_that_day_are_not_counted()
    {
        // Before DECOM 01/09/2023, and during a V3 short break: neither counts. The one on 01/10/2023 does.
        var child = Child("C1",
            Episode("2023-06-01", "S", "K2", "2023-06-04", "E4A", ls: "V3"),
            Episode("2023-09-01", "S", "K2")).WithMissing(
            Missing("2023-06-02T20:00:00Z", "2023-06-03T08:00:00Z"),
            Missing("2023-08-01T20:00:00Z", "2023-08-02T08:00:00Z"),
            Missing("2023-10-01T20:00:00Z", "2023-10-02T08:00:00Z"));

        Assert.Equal(1m, Report(Year2024, child)["missingIncidents"].Value);
    }

    [Fact]
    public void children_missing_as_a_percentage_of_children_looked_after_during_the_year()
    {
        // Looked after at some time in 2023-24: A (missing), B, C. D ceased 01/04/2023, the first day, so was
        // never looked after in the year; E only had short breaks. 1/3 = 33.3.
        var a = InCare("A").WithMissing(Missing("2023-05-01T20:00:00Z", "2023-05-02T08:00:00Z"));
        var b = InCare("B");
        var c = Child("C", Episode("2023-12-01", "S", "U4", "2024-02-01", "E4A"));
        var d = Child("D", Episode("2022-01-01", "S", "U4", "2023-04-01", "E4A"));
        var e = Child("E", Episode("2023-06-01", "S", "K2", "2023-06-04", "E4A", ls: "V3"));

        Assert.Equal(new Measure(33.3m, 1, 3), Report(Year2024, a, b, c, d, e)["childrenMissingPct"]);
    }

    [Fact]
    public void missing_at_the_as_at_date_is_an_episode_started_by_then_and_not_ended_by_then()
    {
        // A: from 30/03/2024, open: counted. B: returned 31/03/2024 12:00 BST: ended by 31 March, not
        // counted. C: returned 31/03/2024 23:30Z = 1 April 00:30 BST: still missing on 31 March, counted.
        var a = InCare("A").WithMissing(Missing("2024-03-30T20:00:00Z"));
        var b = InCare("B").WithMissing(Missing("2024-03-30T20:00:00Z", "2024-03-31T11:00:00Z"));
        var c = InCare("C").WithMissing(Missing("2024-03-30T20:00:00Z", "2024-03-31T23:30:00Z"));

        Assert.Equal(2m, Report(Year2024, a, b, c)["missingAtAsAt"].Value);
    }

    [Fact]
    public void a_return_interview_offered_exactly_72_hours_after_the_return_is_in_time_and_one_second_later_is_not()
    {
        // Returns 01/06/2023 10:00Z and 10/06/2023 10:00Z; offers at +72h00m00s and +72h00m01s. 1/2 = 50.0.
        var child = InCare("C1").WithMissing(
            Missing("2023-06-01T02:00:00Z", "2023-06-01T10:00:00Z") with { FirstReturnInterviewAt = At("2023-06-04T10:00:00Z") },
            Missing("2023-06-10T02:00:00Z", "2023-06-10T10:00:00Z") with { FirstReturnInterviewAt = At("2023-06-13T10:00:01Z") });

        Assert.Equal(new Measure(50.0m, 1, 2), Report(Year2024, child)["returnInterviewOfferedIn72hPct"]);
    }

    [Fact]
    public void the_72_hour_clock_runs_on_instants_across_a_change_of_clocks()
    {
        // Spring: returned Fri 29/03/2024 12:00 GMT (12:00Z), offered Mon 01/04/2024 13:00 BST (12:00Z):
        // 72h exactly (73h by the wall clock): in time.
        // Autumn: returned Fri 27/10/2023 21:00 BST (20:00Z), offered Mon 30/10/2023 20:30 GMT (20:30Z):
        // 72h30m (71h30m by the wall clock): late. 1/2 = 50.0.
        var child = InCare("C1").WithMissing(
            Missing("2024-03-29T01:00:00Z", "2024-03-29T12:00:00Z") with { FirstReturnInterviewAt = At("2024-04-01T12:00:00Z") },
            Missing("2023-10-27T08:00:00Z", "2023-10-27T20:00:00Z") with { FirstReturnInterviewAt = At("2023-10-30T20:30:00Z") });

        Assert.Equal(new Measure(50.0m, 1, 2), Report(Year2024, child)["returnInterviewOfferedIn72hPct"]);
    }

    [Fact]
    public void return_interviews_count_missing_returns_in_the_window_by_uk_date_and_leave_away_out_by_default()
    {
        // Returns in 2023-24: M returned 01/06/2023 (offered in time) and an M that began 30/03/2023 and
        // returned 02/04/2023 (never offered). Not in it: an M returning 31/03/2024 23:30Z (1 April BST),
        // and an A (offered in time). Default 1/2 = 50.0. With away episodes included: 2/3 = 66.7.
        var child = InCare("C1").WithMissing(
            Missing("2023-05-31T20:00:00Z", "2023-06-01T10:00:00Z") with { FirstReturnInterviewAt = At("2023-06-02T10:00:00Z") },
            Missing("2023-03-30T20:00:00Z", "2023-04-02T10:00:00Z"),
            Missing("2024-03-31T20:00:00Z", "2024-03-31T23:30:00Z") with { FirstReturnInterviewAt = At("2024-04-01T10:00:00Z") },
            Away("2023-07-01T20:00:00Z", "2023-07-01T23:00:00Z") with { FirstReturnInterviewAt = At("2023-07-02T10:00:00Z") });

        Assert.Equal(new Measure(50.0m, 1, 2), Report(Year2024, child)["returnInterviewOfferedIn72hPct"]);
        Assert.Equal(new Measure(66.7m, 2, 3),
            Report(Year2024, new IndicatorSwitches(AwayIncidentsInReturnInterviews: true), child)["returnInterviewOfferedIn72hPct"]);
    }

    [Fact]
    public void an_accepted_return_interview_includes_a_completed_one()
    {
        // Four returns: accepted only; completed (not marked accepted); both; neither.
        // Accepted 3/4 = 75.0; completed 2/4 = 50.0.
        var child = InCare("C1").WithMissing(
            Missing("2023-05-01T20:00:00Z", "2023-05-02T08:00:00Z") with { InterviewAccepted = true },
            Missing("2023-06-01T20:00:00Z", "2023-06-02T08:00:00Z") with { InterviewCompleted = true },
            Missing("2023-07-01T20:00:00Z", "2023-07-02T08:00:00Z") with { InterviewAccepted = true, InterviewCompleted = true },
            Missing("2023-08-01T20:00:00Z", "2023-08-02T08:00:00Z"));

        var report = Report(Year2024, child);

        Assert.Equal(new Measure(75.0m, 3, 4), report["returnInterviewAcceptedPct"]);
        Assert.Equal(new Measure(50.0m, 2, 4), report["returnInterviewCompletedPct"]);
    }

    [Fact]
    public void repeat_missing_needs_the_third_start_within_29_days_of_the_first_for_30_days_and_89_for_90()
    {
        // Start dates (UK): A 01/05, 10/05, 30/05 (29 days): 30 and 90. B 01/05, 10/05, and 30/05 23:30Z
        // which is 31/05 BST (30 days): 90 only. C 01/05, 01/07, 29/07 (30+30+29 = 89): 90 only.
        // D 01/05, 01/07, 30/07 (90 days): neither. Repeat 30: 1; repeat 90: 3.
        static ChildHistory Starts(string id, params string[] starts) =>
            InCare(id).WithMissing(starts.Select(s => Missing(s, null)).ToArray());
        var a = Starts("A", "2023-05-01T10:00:00Z", "2023-05-10T10:00:00Z", "2023-05-30T10:00:00Z");
        var b = Starts("B", "2023-05-01T10:00:00Z", "2023-05-10T10:00:00Z", "2023-05-30T23:30:00Z");
        var c = Starts("C", "2023-05-01T10:00:00Z", "2023-07-01T10:00:00Z", "2023-07-29T10:00:00Z");
        var d = Starts("D", "2023-05-01T10:00:00Z", "2023-07-01T10:00:00Z", "2023-07-30T10:00:00Z");

        var report = Report(Year2024, a, b, c, d);

        Assert.Equal(1m, report["repeatMissing30Days"].Value);
        Assert.Equal(3m, report["repeatMissing90Days"].Value);
    }

    [Fact]
    public void missing_durations_are_banded_in_hours_with_open_meaning_not_ended_by_the_end_of_the_window()
    {
        // 23h59m: under 24h. 24h and 71h: 1-2 days. 72h: 3-6 days. 168h: 7+ days. No end, and an end on
        // 01/04/2024: open. Of 7: 1/7 = 14.3, 2/7 = 28.6.
        var child = InCare("C1").WithMissing(
            Missing("2023-05-01T10:00:00Z", "2023-05-02T09:59:00Z"),
            Missing("2023-06-01T10:00:00Z", "2023-06-02T10:00:00Z"),
            Missing("2023-07-01T10:00:00Z", "2023-07-04T09:00:00Z"),
            Missing("2023-08-01T10:00:00Z", "2023-08-04T10:00:00Z"),
            Missing("2023-09-01T10:00:00Z", "2023-09-08T10:00:00Z"),
            Missing("2024-02-01T10:00:00Z"),
            Missing("2024-03-30T10:00:00Z", "2024-04-01T10:00:00Z"));

        var report = Report(Year2024, child);

        Assert.Equal(new Measure(14.3m, 1, 7), report["missingDuration.under24Hours"]);
        Assert.Equal(new Measure(28.6m, 2, 7), report["missingDuration.oneToTwoDays"]);
        Assert.Equal(new Measure(14.3m, 1, 7), report["missingDuration.threeToSixDays"]);
        Assert.Equal(new Measure(14.3m, 1, 7), report["missingDuration.sevenDaysOrMore"]);
        Assert.Equal(new Measure(28.6m, 2, 7), report["missingDuration.open"]);
    }

    [Fact]
    public void an_episode_closed_at_the_end_of_care_ends_that_day_for_missing_at_and_duration_and_is_not_a_return()
    {
        // A: missing from 05/06/2023 20:00Z; care ended 10/06/2023 (E8) with no return; back in care from
        // 15/01/2024. Ended at the start of 10 June (23:00Z on 9 June, BST): 99 h, 3-6 days; not missing at
        // 31/03/2024 although looked after then. B: missing from 25/03/2024 10:00Z; care ended 01/04/2024 with no
        // return: open at the end of the window and missing on 31 March. C: missing 14 h, returned 01/07/2023,
        // offered in time. Returns in the window: C only, 1/1 = 100.0. Durations of 3: 1 each, 33.3.
        var a = Child("A", Episode("2022-01-01", "S", "U4", "2023-06-10", "E8"), Episode("2024-01-15", "S", "U4"))
            .WithMissing(Missing("2023-06-05T20:00:00Z") with { ClosedAtEndOfCare = D("2023-06-10") });
        var b = Child("B", Episode("2022-01-01", "S", "U4", "2024-04-01", "E8"))
            .WithMissing(Missing("2024-03-25T10:00:00Z") with { ClosedAtEndOfCare = D("2024-04-01") });
        var c = InCare("C").WithMissing(
            Missing("2023-06-30T20:00:00Z", "2023-07-01T10:00:00Z") with { FirstReturnInterviewAt = At("2023-07-02T10:00:00Z") });

        var report = Report(Year2024, a, b, c);

        Assert.Equal((3m, 1m), (report["missingIncidents"].Value, report["missingAtAsAt"].Value));
        Assert.Equal(new Measure(33.3m, 1, 3), report["missingDuration.threeToSixDays"]);
        Assert.Equal(new Measure(33.3m, 1, 3), report["missingDuration.open"]);
        Assert.Equal(new Measure(33.3m, 1, 3), report["missingDuration.under24Hours"]);
        Assert.Equal(new Measure(100.0m, 1, 1), report["returnInterviewOfferedIn72hPct"]);
    }

    [Fact]
    public void an_episode_closed_at_the_end_of_care_lasts_until_the_start_of_that_uk_day()
    {
        // Care ended 01/11/2023 (GMT, midnight = 00:00Z). Missing from 29/10/2023 00:00:01Z: 71h59m59s, 1-2
        // days. Missing from 29/10/2023 00:00:00Z: 72 h exactly, 3-6 days.
        static ChildHistory EndedWhileMissing(string id, string lastSeen) =>
            Child(id, Episode("2022-01-01", "S", "U4", "2023-11-01", "E8"))
                .WithMissing(Missing(lastSeen) with { ClosedAtEndOfCare = D("2023-11-01") });

        var report = Report(Year2024, EndedWhileMissing("A", "2023-10-29T00:00:01Z"), EndedWhileMissing("B", "2023-10-29T00:00:00Z"));

        Assert.Equal(new Measure(50.0m, 1, 2), report["missingDuration.oneToTwoDays"]);
        Assert.Equal(new Measure(50.0m, 1, 2), report["missingDuration.threeToSixDays"]);
    }
}
