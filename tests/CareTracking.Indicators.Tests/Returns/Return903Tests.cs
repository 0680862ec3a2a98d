using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Model;
using CareTracking.Indicators.Projections;
using CareTracking.Indicators.Returns;
using CareTracking.Indicators.Returns.AnnexA;
using CareTracking.Indicators.Returns.Checks;
using CareTracking.Ssda903.CareLeavers;
using CareTracking.Ssda903.Episodes;
using CareTracking.Ssda903.Health;
using CareTracking.Ssda903.Permanence;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests.Returns;

/// <summary>The 903 return's scope and coding (docs/return-903.md, "Which rows" and "Mapping"), and each rule of the
/// check firing on a history that breaks it. Year 2024 is 1 April 2023 to 31 March 2024.</summary>
public sealed class Return903Tests
{
    /// <summary>A child's record; every entry to care has its previous permanence recorded (Z1, none) unless the history
    /// gives its own, the child a social worker from the first entry to care (open) unless the history gives its own, and
    /// the child a UPN and, for a girl, MOTHER 0, unless <paramref name="details"/> are given, so that only the tests of
    /// rules 630, SW01, 442, 393 and 607 meet them.</summary>
    private static ChildRecord Record(ChildHistory history, string sex = "M", HealthFacts? health = null, CareLeaverFacts? careLeaver = null,
        ChildView? details = null) =>
        new(history with
        {
            PreviousPermanence = history.PreviousPermanence ?? [.. history.Episodes.Where(e => e.Rne == "S").Select(e => new PreviousPermanenceRecord(e.Decom, "Z1", null, null))],
            Permanence = history.PermanenceOrNone.SocialWorkers.Count > 0 || history.Episodes.Count == 0 ? history.Permanence
                : history.PermanenceOrNone with { SocialWorkers = [new("SW0", history.Episodes[0].Decom, null, "FCONTA", null)] },
        },
            [], health ?? HealthFacts.None, careLeaver ?? CareLeaverFacts.None,
            details ?? new ChildView(history.DateOfBirth!.Value, false, Ethnicity: "WBRI", Sex: sex, Upn: "A123456789012", Mother: sex == "F" ? false : null));

    private static Return903 Build(int year, params ChildRecord[] records) => Return903.Build(new ReturnYear(year), null, records);

    private static IReadOnlyList<IReadOnlyList<string>> Cells(Return903 ret, string table) => [.. ret.Table(table).Rows.Select(r => r.Cells)];

    [Fact]
    public void only_episodes_open_in_the_year_are_returned_and_one_ending_after_it_is_written_open()
    {
        var ret = Build(2024,
            Record(Child("BEFORE", Episode("2022-01-01", "S", "U4", end: "2023-03-31", rec: "E4A"))),
            Record(Child("SPANS",
                Episode("2023-01-10", "S", "U4", end: "2023-06-01", rec: "X1", reasonPlaceChange: "CARPL"),
                Episode("2023-06-01", "P", "U6", end: "2024-05-01", rec: "X1", reasonPlaceChange: "CHILD"),
                Episode("2024-05-01", "P", "K2"))),
            Record(Child("ENDSFIRST", Episode("2023-01-01", "S", "U4", end: "2023-04-01", rec: "E13"))));

        Assert.Equal(["ENDSFIRST", "SPANS"], ret.Table("Header").Rows.Select(r => r.Child));
        var episodes = Cells(ret, "Episodes");
        Assert.Equal(3, episodes.Count);
        Assert.Equal(["ENDSFIRST", "01/01/2023", "S", "C2", "N1", "U4", "PR1", "01/04/2023", "E13", "", "DE22 1AA", "DE1 1AA", ""], episodes[0]);
        Assert.Equal(["10/01/2023", "01/06/2023", "X1", "CARPL"], new[] { episodes[1][1], episodes[1][7], episodes[1][8], episodes[1][9] });
        // Ended 1 May 2024, after the year: open at 31 March.
        Assert.Equal(["01/06/2023", "", "", ""], new[] { episodes[2][1], episodes[2][7], episodes[2][8], episodes[2][9] });
    }

    [Fact]
    public void reviews_and_missing_episodes_outside_the_year_are_left_out_and_a_return_after_31_march_is_empty()
    {
        var child = Child("C1", Episode("2022-01-01", "S", "U4"))
            .WithReviews(Review("2023-03-31"), Review("2023-04-01"), Review("2024-03-31"), Review("2024-04-01"))
            .WithMissing(Missing("2023-03-01T10:00:00Z", "2023-03-05T10:00:00Z"), Away("2023-03-30T10:00:00Z", "2023-04-02T10:00:00Z"),
                Missing("2024-03-30T10:00:00Z", "2024-04-03T10:00:00Z"), Missing("2024-04-05T10:00:00Z"));
        var ret = Build(2024, Record(child));

        Assert.Equal(["01/04/2023", "31/03/2024"], ret.Table("Reviews").Rows.Select(r => r.Cells[2]));
        Assert.Equal([["C1", "15/06/2012", "A", "30/03/2023", "02/04/2023"], ["C1", "15/06/2012", "M", "30/03/2024", ""]], Cells(ret, "Missing"));
    }

    [Fact]
    public void sex_is_1_or_2_before_2024_25_and_a_letter_from_then()
    {
        var girl = Record(Child("G", Episode("2023-01-01", "S", "U4")), sex: "F");
        Assert.Equal("2", Cells(Build(2024, girl), "Header")[0][1]);
        Assert.Equal("F", Cells(Build(2025, girl), "Header")[0][1]);
    }

    [Fact]
    public void a_uasc_spell_in_the_year_is_a_row_with_its_duc_known_by_31_march()
    {
        var history = Child("U", Episode("2023-01-01", "S", "K2")) with { Uasc = [new UascSpell(D("2023-01-01"), D("2024-06-01"))] };
        Assert.Equal([["U", "1", "15/06/2012", ""]], Cells(Build(2024, Record(history)), "UASC"));
        Assert.Equal([["U", "M", "15/06/2012", "01/06/2024"]], Cells(Build(2025, Record(history)), "UASC"));
    }

    [Fact]
    public void every_table_is_produced_and_the_limit_of_the_header_facts_is_named()
    {
        var ret = Build(2024, Record(Child("C", Episode("2023-01-01", "S", "U4"))));
        Assert.Empty(ret.NotProduced);
        Assert.True(ret.Table("PrevPerm").Produced);
        var text = ReturnZip.NotProducedText(ret);
        Assert.Contains("Every table of the year's return is produced.", text);
        Assert.DoesNotContain("NOT complete", text);
        Assert.Contains("UPN, MOTHER and MC_DOB are as given on the child's latest entry to care", text);
    }

    [Fact]
    public void prev_perm_has_one_row_per_child_for_the_latest_period_of_care_begun_in_the_year()
    {
        // TWICE began two periods in 2023/24: the row is the later one's (one row per child, INT35).
        // BEFORE began its period in 2022/23: no row (rule 634 refuses PrevPerm for a child with no start in the year).
        // NONE began in the year but nothing was recorded: no row (rule 630 reports it, see the check's test).
        var twice = Child("TWICE", Episode("2023-04-01", "S", "U4", end: "2023-06-01", rec: "E4A"), Episode("2024-03-31", "S", "U4")) with
        {
            PreviousPermanence = [new(D("2023-04-01"), "Z1", null, null), new(D("2024-03-31"), "P2", "2019-05", "831")],
        };
        var before = Child("BEFORE", Episode("2023-03-31", "S", "U4")) with { PreviousPermanence = [new(D("2023-03-31"), "P1", "2015", "831")] };
        var afterYear = Child("AFTER", Episode("2023-04-01", "S", "U4", end: "2023-06-01", rec: "E4A"), Episode("2024-04-01", "S", "U4")) with
        {
            PreviousPermanence = [new(D("2023-04-01"), "P3", "2020-02-29", "831"), new(D("2024-04-01"), "Z1", null, null)],
        };
        var none = Child("NONE", Episode("2023-05-01", "S", "U4")) with { PreviousPermanence = [] };
        var ret = Build(2024, Record(twice), Record(before), Record(afterYear), Record(none));

        Assert.Equal(
        [
            ["AFTER", "15/06/2012", "P3", "831", "29/02/2020"],
            ["TWICE", "15/06/2012", "P2", "831", "zz/05/2019"],
        ], Cells(ret, "PrevPerm"));
        Assert.Equal("previous_permanence.csv", ret.Table("PrevPerm").Table.File);
    }

    [Fact]
    public void oc2_has_the_children_looked_after_12_months_at_31_march_with_the_health_facts_of_the_year()
    {
        // Looked after since January 2022, 11 on 31 March 2024: HEALTH_CHECK is for under-5s only, so empty.
        var health = HealthFacts.None with
        {
            Sdqs = [new SdqResult(D("2023-05-01"), 14, null), new SdqResult(D("2024-02-01"), 12, null)],
            Convictions = [D("2023-09-01")],
            Immunisations = [new ImmunisationCheck(D("2023-06-01"), false), new ImmunisationCheck(D("2024-01-10"), true)],
            DentalChecks = [D("2022-12-01")],
            Assessments = [new HealthAssessment(D("2023-07-01"), AssessmentKind.Review)],
            SubstanceMisuse = [new SubstanceMisuseIdentification(D("2023-08-01"), InterventionOffered: true, InterventionReceived: false)],
        };
        var ret = Build(2024,
            Record(Child("LONG", Episode("2022-01-01", "S", "U4")), health: health),
            Record(Child("NEW", Episode("2023-05-01", "S", "U4")), health: health),
            Record(Child("LEFT", Episode("2022-01-01", "S", "U4", end: "2024-03-01", rec: "E13")), health: health));

        Assert.Equal([["LONG", "15/06/2012", "12", "", "1", "", "1", "0", "1", "1", "0", "1"]], Cells(ret, "OC2"));
        Assert.Equal("oc2.csv", ret.Table("OC2").Table.File);
        Assert.True(ret.Table("OC2").Produced);
    }

    [Fact]
    public void oc3_has_the_care_leavers_with_a_17th_to_21st_birthday_in_the_year_and_the_contact_nearest_it()
    {
        // Looked after from 13 until 17 (Jan 2023): eligible, so former relevant on the 18th birthday, 15 June 2023.
        // Of the contacts 3 months before to 1 month after it, 20 June is the nearest.
        ChildHistory Leaver(string id) => Child(id, Episode("2019-01-01", "S", "U4", end: "2023-01-10", rec: "E8")).BornOn("2005-06-15");
        var contacts = new CareLeaverFacts([new CareLeaverContact(D("2023-04-01"), "NO", "0", "0"), new CareLeaverContact(D("2023-06-20"), "YES", "F2", "Z1"),
            new CareLeaverContact(D("2023-08-01"), "YES", "G4", "B1")], [], [], [], []);
        var ret = Build(2024,
            Record(Leaver("LEAVER"), careLeaver: contacts),
            Record(Leaver("QUIET")),
            Record(Child("SHORT", Episode("2022-12-01", "S", "U4", end: "2023-01-10", rec: "E8")).BornOn("2005-06-15"), careLeaver: contacts),
            Record(Child("ADOPTED", Episode("2019-01-01", "S", "A4", end: "2023-01-10", rec: "E11")).BornOn("2005-06-15"), careLeaver: contacts));

        Assert.Equal([["LEAVER", "15/06/2005", "YES", "F2", "Z1"], ["QUIET", "15/06/2005", "", "", ""]], Cells(ret, "OC3"));
        // Not looked after in the year, but in the header as every child of a table is.
        Assert.Equal(["LEAVER", "QUIET"], ret.Table("Header").Rows.Select(r => r.Child));
        Assert.Empty(ret.Table("Episodes").Rows);
        // The 19th birthday, 15 June 2024, has no contact in its window: a row with empty codes.
        Assert.Equal([["LEAVER", "15/06/2005", "", "", ""]], Cells(Build(2025, Record(Leaver("LEAVER"), careLeaver: contacts)), "OC3"));
    }

    [Fact]
    public void ad1_has_the_children_adopted_in_the_year_with_the_match_made_in_that_period_of_care()
    {
        var matched = new AdoptionMatchRow(D("2022-03-01"), D("2022-07-01"), FosterCare: false, NumberOfAdopters: 2, AdopterSex: "MF", AdopterLegalStatus: "L11");
        var earlier = new AdoptionMatchRow(D("2020-05-01"), D("2020-11-01"), FosterCare: true, NumberOfAdopters: 1, AdopterSex: "F1", AdopterLegalStatus: "L0");
        var afterOrder = earlier with { DateInt = D("2023-07-01"), DateMatch = D("2023-08-01") };
        ChildHistory Adopted(string id, string order, string rec = "E11") => Child(id,
            Episode("2021-01-01", "S", "U4", end: "2022-09-01", rec: "X1"), Episode("2022-09-01", "P", "A4", end: order, rec: rec));
        var ret = Build(2024,
            Record(Adopted("ADOPTED", "2023-06-01") with { Permanence = new([new(D("2022-03-01"), null, null)], [earlier, matched, afterOrder], []) }),
            Record(Adopted("NOMATCH", "2023-10-01", rec: "E12")),
            Record(Adopted("LASTYEAR", "2023-03-31") with { Permanence = new([], [matched], []) }),
            Record(Adopted("SGO", "2023-06-01", rec: "E41") with { Permanence = new([], [matched], []) }));

        // The matches of November 2020 (before this period of care began) and August 2023 (after the order) are not
        // the one the adoption followed.
        Assert.Equal(
        [
            ["ADOPTED", "15/06/2012", "01/03/2022", "01/07/2022", "0", "2", "MF", "L11"],
            ["NOMATCH", "15/06/2012", "", "", "", "", "", ""],
        ], Cells(ret, "AD1"));
    }

    [Fact]
    public void sw_episodes_open_in_the_year_are_rows_from_2023_24_and_the_table_is_not_in_earlier_returns()
    {
        var history = Child("C", Episode("2022-01-01", "S", "U4")) with
        {
            Permanence = new([], [],
            [
                new("SW100", D("2022-02-01"), D("2023-03-31"), "FCONTA", "LEFTRL"), new("SW200", D("2023-03-31"), D("2023-10-01"), "LEFTRL", "ORGRST"),
                new("SW300", D("2023-10-01"), D("2024-05-01"), "ORGRST", "CHCHAN"), new("XX400", D("2024-05-01"), null, "CHCHAN", null),
            ]),
        };
        Assert.Equal(
        [
            ["C", "15/06/2012", "SW200", "31/03/2023", "01/10/2023", "LEFTRL"],
            ["C", "15/06/2012", "SW300", "01/10/2023", "", "ORGRST"],
        ], Cells(Build(2024, Record(history)), "SWEpisodes"));

        // 2022/23 has no SWEpisodes table: not written, and not named as not produced.
        var earlier = Build(2023, Record(history));
        Assert.DoesNotContain(earlier.Tables, t => t.Table.Name == "SWEpisodes");
        Assert.DoesNotContain(earlier.NotProduced, t => t.Name == "SWEpisodes");
        Assert.DoesNotContain("sw_episodes.csv", ReturnZip.NotProducedText(earlier));
    }

    [Fact]
    public void adoption_decisions_standing_in_the_year_are_placed_for_adoption_rows()
    {
        var history = Child("A", Episode("2022-01-01", "S", "U4")) with
        {
            Permanence = new(
            [
                new(D("2022-05-01"), D("2023-02-01"), "RD1"), new(D("2023-03-01"), D("2024-05-01"), "RD3"), new(D("2024-04-02"), null, null),
            ], [], []),
        };
        Assert.Equal([["A", "15/06/2012", "01/03/2023", "", ""]], Cells(Build(2024, Record(history)), "PlacedAdoption"));
        Assert.Equal([["A", "15/06/2012", "01/03/2023", "01/05/2024", "RD3"], ["A", "15/06/2012", "02/04/2024", "", ""]],
            Cells(Build(2025, Record(history)), "PlacedAdoption"));
    }

    [Fact]
    public void a_clean_history_breaks_no_rule()
    {
        var ret = Build(2024, Record(Child("C", Episode("2023-01-01", "S", "U4", end: "2023-05-01", rec: "X1"), Episode("2023-05-01", "L", "U4", ls: "C1"))));
        Assert.Empty(ReturnChecks.Run(ret));
    }

    [Fact]
    public void rule_101_sex_u_before_2024_25()
    {
        var issues = ReturnChecks.Run(Build(2024, Record(Child("C", Episode("2023-01-01", "S", "U4")), sex: "U")));
        Assert.Equal([("101", "Header", "C", 1)], issues.Select(i => (i.Rule, i.Table, i.Child, i.Row)));
        Assert.Empty(ReturnChecks.Run(Build(2025, Record(Child("C", Episode("2023-01-01", "S", "U4")), sex: "U"))));
    }

    [Fact]
    public void rule_352_starting_care_at_18()
    {
        var issues = ReturnChecks.Run(Build(2024,
            Record(Child("A", Episode("2023-06-14", "S", "U4")).BornOn("2005-06-15")),
            Record(Child("B", Episode("2023-06-15", "S", "U4")).BornOn("2005-06-15"))));
        Assert.Equal([("352", "B", 2)], issues.Select(i => (i.Rule, i.Child, i.Row)));
    }

    [Fact]
    public void rules_361_to_363_short_legal_statuses_held_too_long()
    {
        var issues = ReturnChecks.Run(Build(2024,
            Record(Child("A", Episode("2023-06-01", "S", "U4", end: "2023-06-02", rec: "X1", ls: "L1"), Episode("2023-06-02", "L", "U4", end: "2023-06-04", rec: "X1", ls: "L1"),
                Episode("2023-06-04", "L", "U4", ls: "C1"))),
            Record(Child("B", Episode("2023-06-01", "S", "U4", end: "2023-06-05", rec: "X1", ls: "L1"), Episode("2023-06-05", "L", "U4", end: "2023-06-27", rec: "X1", ls: "L2"),
                Episode("2023-06-27", "L", "U4", ls: "L3")))));
        // A: 3 days of L1, allowed. B: 4 days of L1, 22 of L2, L3 open to 31 March.
        Assert.Equal([("361", "B", 4), ("362", "B", 5), ("363", "B", 6)], issues.Select(i => (i.Rule, i.Child, i.Row)));
    }

    [Fact]
    public void rules_375_376_379_temporary_placements_held_too_long()
    {
        static ChildRecord Temporary(string id, string place, string from, string to) => Record(Child(id,
            Episode("2023-05-01", "S", "U4", end: from, rec: "X1"), Episode(from, "P", place, end: to, rec: "X1"), Episode(to, "P", "U4")));
        var issues = ReturnChecks.Run(Build(2024,
            Temporary("A", "T1", "2023-06-01", "2023-07-13"), Temporary("B", "T1", "2023-06-01", "2023-07-14"),
            Temporary("C", "T3", "2023-06-01", "2023-06-22"), Temporary("D", "T3", "2023-06-01", "2023-06-23"),
            Temporary("E", "T4", "2023-06-01", "2023-06-08"), Temporary("F", "T4", "2023-06-01", "2023-06-09")));
        // 42, 21 and 7 days are allowed; a day more is not.
        Assert.Equal([("375", "B"), ("376", "D"), ("379", "F")], issues.Select(i => (i.Rule, i.Child)));
    }

    [Fact]
    public void rule_580_missing_at_18_needs_e8()
    {
        static ChildRecord LeftAt18(string id, string rec) => Record(Child(id, Episode("2023-01-01", "S", "U4", end: "2023-07-01", rec: rec))
            .BornOn("2005-07-01").WithMissing(Missing("2023-06-20T10:00:00Z") with { ClosedAtEndOfCare = D("2023-07-01") }));
        var issues = ReturnChecks.Run(Build(2024, LeftAt18("A", "E8"), LeftAt18("B", "E4A")));
        Assert.Equal([("580", "B", 2)], issues.Select(i => (i.Rule, i.Child, i.Row)));
    }

    [Fact]
    public void rule_630_a_child_starting_care_in_the_year_needs_its_previous_permanence()
    {
        static ChildRecord Started(string id, string decom, params PreviousPermanenceRecord[] recorded) =>
            Record(Child(id, Episode(decom, "S", "U4")) with { PreviousPermanence = recorded });
        var issues = ReturnChecks.Run(Build(2024,
            Started("BEFORE", "2023-03-31"),
            Started("FIRSTDAY", "2023-04-01"),
            Started("NONE", "2023-06-01", new PreviousPermanenceRecord(D("2023-06-01"), "Z1", null, null)),
            Started("ORDER", "2023-06-01", new PreviousPermanenceRecord(D("2023-06-01"), "P2", "2019-05", "831")),
            Started("NOLA", "2023-06-01", new PreviousPermanenceRecord(D("2023-06-01"), "P2", "2019-05", null)),
            Started("UNKNOWN", "2023-06-01", new PreviousPermanenceRecord(D("2023-06-01"), "P4", null, null))));
        // BEFORE started the day before the year; FIRSTDAY on its first day with nothing recorded; an order needs its
        // authority and date, and the validator asks them of P4 (unknown) too.
        Assert.Equal([("630", "FIRSTDAY"), ("630", "NOLA"), ("630", "UNKNOWN")], issues.Select(i => (i.Rule, i.Child)));
    }

    [Fact]
    public void the_header_carries_upn_and_mother_for_a_girl_looked_after_in_the_year_only()
    {
        ChildView Details(string sex, bool? mother, string? childBorn = null) =>
            new(D("2005-06-15"), false, "WBRI", sex, "UN2", mother, childBorn is null ? null : D(childBorn));
        var leaverContacts = new CareLeaverFacts([new CareLeaverContact(D("2023-06-15"), "YES", "F2", "D1")], [], [], [], []);
        var ret = Build(2024,
            Record(Child("MUM", Episode("2023-01-01", "S", "U4")).BornOn("2005-06-15"), details: Details("F", true, "2022-11-30")),
            Record(Child("GIRL", Episode("2023-01-01", "S", "U4")).BornOn("2005-06-15"), details: Details("F", false, null)),
            Record(Child("BOY", Episode("2023-01-01", "S", "U4")).BornOn("2005-06-15"), details: Details("M", null)),
            // Left care at 17, before the year: in the return for OC3 only, so no MOTHER (validator rule 165).
            Record(Child("LEAVER", Episode("2019-01-01", "S", "U4", end: "2023-01-10", rec: "E8")).BornOn("2005-06-15"),
                careLeaver: leaverContacts, details: Details("F", true, "2022-11-30")));

        Assert.Equal(
        [
            ["BOY", "1", "15/06/2005", "WBRI", "UN2", "", ""],
            ["GIRL", "2", "15/06/2005", "WBRI", "UN2", "0", ""],
            ["LEAVER", "2", "15/06/2005", "WBRI", "UN2", "", ""],
            ["MUM", "2", "15/06/2005", "WBRI", "UN2", "1", "30/11/2022"],
        ], Cells(ret, "Header"));
    }

    [Fact]
    public void rules_442_393_607_upn_and_mother_not_completed()
    {
        ChildView NotGiven(string sex) => new(D("2012-06-15"), false, "WBRI", sex);
        var issues = ReturnChecks.Run(Build(2024,
            Record(Child("BOY", Episode("2023-01-01", "S", "U4")), details: NotGiven("M")),
            Record(Child("GIRL", Episode("2023-01-01", "S", "U4", end: "2023-06-01", rec: "X1"), Episode("2023-06-01", "P", "U6", end: "2023-09-01", rec: "E4A")),
                details: NotGiven("F")),
            Record(Child("BREAKS", Episode("2023-06-01", "S", "U4", end: "2023-06-03", rec: "E3", ls: "V3")), details: NotGiven("F")),
            Record(Child("GIVEN", Episode("2023-01-01", "S", "U4", end: "2023-09-01", rec: "E4A")), sex: "F")));
        // BOY: no UPN. GIRL: no UPN, no MOTHER, and she ceased care in the year without it (her X1 episode is not an end).
        // BREAKS: short breaks only (V3), asked neither. GIVEN: both given.
        Assert.Equal([("442", "BOY", 1), ("393", "GIRL", 3), ("442", "GIRL", 3), ("607", "GIRL", 4)],
            issues.Select(i => (i.Rule, i.Child, i.Row)));
        Assert.Equal(["Header", "Header", "Header", "Episodes"], issues.Select(i => i.Table));
    }

    [Fact]
    public void rule_377_more_than_two_t3_placements_in_the_year()
    {
        // Each T3 a week, back to the U4 placement in between: TWO has two, THREE three.
        static EpisodeRow[] Holidays(int count) =>
        [
            Episode("2023-05-01", "S", "U4", end: "2023-06-01", rec: "X1"),
            .. Enumerable.Range(0, count).SelectMany(i => new[]
            {
                Episode($"2023-{6 + i * 2:00}-01", "P", "T3", end: $"2023-{6 + i * 2:00}-08", rec: "X1"),
                Episode($"2023-{6 + i * 2:00}-08", "P", "U4", end: i == count - 1 ? null : $"2023-{8 + i * 2:00}-01", rec: i == count - 1 ? null : "X1"),
            }),
        ];
        var issues = ReturnChecks.Run(Build(2024, Record(Child("TWO", Holidays(2))), Record(Child("THREE", Holidays(3)))));
        Assert.Equal([("377", "THREE", 2), ("377", "THREE", 4), ("377", "THREE", 6)], issues.Select(i => (i.Rule, i.Child, i.Row)));
    }

    [Fact]
    public void rule_399_reviews_of_a_child_on_short_breaks_only()
    {
        // BREAKS is looked after only under V3 breaks; MIXED also under C2 that year.
        var issues = ReturnChecks.Run(Build(2024,
            Record(Child("BREAKS", Episode("2023-06-01", "S", "U4", end: "2023-06-03", rec: "E3", ls: "V3")).WithReviews(Review("2023-07-01")), sex: "F"),
            Record(Child("MIXED", Episode("2023-06-01", "S", "U4", end: "2023-06-03", rec: "E3", ls: "V3"), Episode("2023-09-01", "S", "U4"))
                .WithReviews(Review("2023-10-01")))));
        Assert.Equal([("399", "Reviews", "BREAKS", 1)], issues.Select(i => (i.Rule, i.Table, i.Child, i.Row)));
        // Nor is her MOTHER written.
        Assert.Equal("", Cells(Build(2024, Record(Child("BREAKS", Episode("2023-06-01", "S", "U4", end: "2023-06-03", rec: "E3", ls: "V3")), sex: "F")), "Header")[0][5]);
    }

    [Theory]
    [InlineData("A123456789012", false)]
    [InlineData("Z12345678901B", false)]
    [InlineData("UN5", false)]
    [InlineData("I123456789012", true)]   // I, O and S are not check letters
    [InlineData("A12345678901", true)]    // 12 characters
    [InlineData("A1234567890123", true)]  // 14
    [InlineData("UN6", true)]
    public void rule_168_upn_shape(string upn, bool fires)
    {
        var ret = Build(2024, Record(Child("C", Episode("2023-01-01", "S", "U4")), details: new(D("2012-06-15"), false, "WBRI", "M", upn)));
        Assert.Equal(fires ? ["168"] : [], ReturnChecks.Run(ret).Select(i => i.Rule));
    }

    [Fact]
    public void annex_a_list_10_lists_the_adoption_decisions_standing_in_the_12_months()
    {
        // ADOPTED: in care from 01/01/2022 (FFA with U5 carers), decision 01/03/2022, placement order 01/05/2022, matched
        // 01/07/2022, placed A5 01/09/2022, adopted 01/06/2023. REVERSED: decision 01/02/2023, reversed RD3 01/04/2023 (the
        // first day of the 12 months ending 31/03/2024). OLD: decision reversed 31/03/2023, the day before them. LATER: adopted 01/06/2024, after asAt: known then only up to the match.
        var adopted = Child("ADOPTED", Episode("2022-01-01", "S", "U5", end: "2022-05-01", rec: "X1"), Episode("2022-05-01", "L", "U5", end: "2022-09-01", rec: "X1", ls: "E1"),
            Episode("2022-09-01", "T", "A5", end: "2023-06-01", rec: "E11", ls: "E1")) with
        {
            Permanence = new([new(D("2022-03-01"), null, null)], [new(D("2022-03-01"), D("2022-07-01"), true, 2, "MF", "L11")], []),
        };
        var reversed = Child("REVERSED", Episode("2022-06-01", "S", "U4")) with { Permanence = new([new(D("2023-02-01"), D("2023-04-01"), "RD3")], [], []) };
        var old = Child("OLD", Episode("2022-06-01", "S", "U4")) with { Permanence = new([new(D("2023-02-01"), D("2023-03-31"), "RD1")], [], []) };
        var later = Child("LATER", Episode("2023-01-01", "S", "U4", end: "2023-12-01", rec: "X1"), Episode("2023-12-01", "P", "A6", end: "2024-06-01", rec: "E12", ls: "E1")) with
        {
            Permanence = new([new(D("2023-05-01"), null, null)], [new(D("2023-05-01"), D("2024-05-01"), false, 1, "F1", "L0")], []),
        };
        var list = List10.Build([Record(adopted, sex: "F"), Record(reversed), Record(old), Record(later)], D("2024-03-31"));

        Assert.Equal("List 10", list.Name);
        Assert.Equal(
        [
            ["ADOPTED", "", "F", "WBRI", "15/06/2012", "11", "", "01/01/2022", "01/03/2022", "01/05/2022", "01/07/2022", "01/09/2022", "01/06/2023", "", "", "01/01/2022"],
            ["LATER", "", "M", "WBRI", "15/06/2012", "11", "", "01/01/2023", "01/05/2023", "01/12/2023", "", "01/12/2023", "", "", "", ""],
            ["REVERSED", "", "M", "WBRI", "15/06/2012", "11", "", "01/06/2022", "01/02/2023", "", "", "", "", "01/04/2023", "RD3", ""],
        ], list.Rows.Select(r => r.Cells));
        Assert.All(list.Rows, r => Assert.Equal(List10.Columns.Count, r.Cells.Count));
        Assert.NotEmpty(AnnexAWorkbook.Write(list));
    }

    [Fact]
    public void annex_a_list_9_lists_the_young_people_with_a_leaving_care_status_on_the_day()
    {
        // As at 31/03/2024. FORMER: 13 to 17 in care (left E8 10/01/2023), 18 now: former relevant; the contact of
        // 01/02/2024 is the latest by then (not that of 10/04/2024), and PA1 the adviser (PA2 comes later). RELEVANT: left
        // care at 16 after 21 months: relevant at 17, nothing recorded by Leaving care. ELIGIBLE: 16, in care 15 months.
        // QUALIFYING: in care 45 days at 17 (under 13 weeks), 18 now. ADOPTED: adopted at 16, no status. LATER: enters care
        // after the day. YOUNG: 11.
        var former = Child("FORMER", Episode("2019-01-01", "S", "U4", end: "2023-01-10", rec: "E8")).BornOn("2005-06-15");
        var formerFacts = CareLeaverFacts.None with
        {
            Contacts = [new(D("2024-04-10"), "NO", "G5", "S2"), new(D("2024-02-01"), "YES", "F2", "Z1"), new(D("2023-06-20"), "YES", "G6", "B2")],
            PersonalAdvisers = [new(D("2023-01-01"), "PA1"), new(D("2024-05-01"), "PA2")],
        };
        var relevant = Child("RELEVANT", Episode("2022-01-01", "S", "U4", end: "2023-10-01", rec: "E4A")).BornOn("2007-01-01");
        var eligible = Child("ELIGIBLE", Episode("2023-01-01", "S", "U4")).BornOn("2007-06-01");
        var qualifying = Child("QUALIFYING", Episode("2023-01-01", "S", "U4", end: "2023-02-15", rec: "E4A")).BornOn("2006-01-01");
        var adopted = Child("ADOPTED", Episode("2022-01-01", "S", "A5", end: "2023-09-01", rec: "E11")).BornOn("2007-01-01");
        var later = Child("LATER", Episode("2024-04-01", "S", "U4")).BornOn("2007-01-01");
        var young = Child("YOUNG", Episode("2023-01-01", "S", "U4"));

        var list = List9.Build([Record(former, sex: "F", careLeaver: formerFacts), Record(relevant), Record(eligible), Record(qualifying),
            Record(adopted), Record(later), Record(young)], D("2024-03-31"));

        Assert.Equal("List 9", list.Name);
        Assert.Equal(
        [
            ["ELIGIBLE", "M", "WBRI", "01/06/2007", "16", "", "", "", "Eligible", "", "", "", ""],
            ["FORMER", "F", "WBRI", "15/06/2005", "18", "", "", "PA1", "Former relevant", "YES", "Z", "Suitable", "F2"],
            ["QUALIFYING", "M", "WBRI", "01/01/2006", "18", "", "", "", "Qualifying", "", "", "", ""],
            ["RELEVANT", "M", "WBRI", "01/01/2007", "17", "", "", "", "Relevant", "", "", "", ""],
        ], list.Rows.Select(r => r.Cells));
        Assert.All(list.Rows, r => Assert.Equal(List9.Columns.Count, r.Cells.Count));
        // On 31/01/2024 the latest contact is that of 20/06/2023: not suitable.
        var earlier = List9.Build([Record(former, sex: "F", careLeaver: formerFacts)], D("2024-01-31"));
        Assert.Equal(["YES", "B", "Unsuitable", "G6"], earlier.Rows.Single().Cells.Skip(9));
        Assert.NotEmpty(AnnexAWorkbook.Write(list));
    }

    [Fact]
    public void annex_a_list_8_lists_children_looked_after_in_the_12_months()
    {
        var list = List8.Build([
            Record(Child("GONE", Episode("2022-01-01", "S", "U4", end: "2023-03-30", rec: "E4A"))),
            Record(Child("IN", Episode("2023-01-01", "S", "U4", end: "2023-09-01", rec: "X1"), Episode("2023-09-01", "L", "U4", ls: "C1"))
                .WithReviews(Review("2023-07-01")).WithMissing(Missing("2024-01-01T10:00:00Z", "2024-01-02T10:00:00Z"))),
        ], D("2024-03-31"), IndicatorSwitches.Default);

        var row = Assert.Single(list.Rows);
        Assert.Equal(List8.Columns.Count, row.Cells.Count);
        string Cell(string column) => row.Cells[List8.Columns.ToList().IndexOf(column)];
        Assert.Equal("IN", Cell("Child Unique ID"));
        Assert.Equal("01/01/2023", Cell("Date Started to be Looked After"));
        Assert.Equal("01/09/2023", Cell("Start date of current legal status"));
        Assert.Equal("C1", Cell("Child's Legal Status"));
        Assert.Equal("01/07/2023", Cell("Date of Latest Statutory Review"));
        Assert.Equal("01/01/2023", Cell("Start Date of Most Recent Placement"));
        Assert.Equal("1", Cell("Number of Placements in the Last 12 months"));
        Assert.Equal("1", Cell("Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"));
        Assert.Equal("11", Cell("Age of Child (Years)"));
        Assert.NotEmpty(AnnexAWorkbook.Write(list));
    }
}
