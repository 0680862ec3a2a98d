using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Model;
using CareTracking.Indicators.Projections;
using CareTracking.Indicators.Returns;
using CareTracking.Indicators.Returns.Checks;
using CareTracking.Ssda903.CareLeavers;
using CareTracking.Ssda903.Health;
using CareTracking.Ssda903.Permanence;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests.Returns;

/// <summary>Rules 601, 387, 345, 3001, SW01, SW12 and SW17 of the check, each at its limit (docs/return-903.md, "The
/// check"). Year 2024 is 1 April 2023 to 31 March 2024.</summary>
public sealed class ReturnChecksFurtherTests
{
    /// <summary>A child as the check's tests give it (also ReturnChecksLastYearTests').</summary>
    internal static ChildRecord Record(ChildHistory history, CareLeaverFacts? careLeaver = null) =>
        new(history with { PreviousPermanence = [.. history.Episodes.Where(e => e.Rne == "S").Select(e => new PreviousPermanenceRecord(e.Decom, "Z1", null, null))] },
            [], HealthFacts.None, careLeaver ?? CareLeaverFacts.None,
            new ChildView(history.DateOfBirth!.Value, false, Ethnicity: "WBRI", Sex: "M", Upn: "A123456789012"));

    private static List<(string Rule, string Table, string Child, int Row)> Issues(int year, params ChildRecord[] records) =>
        [.. ReturnChecks.Run(Return903.Build(new ReturnYear(year), null, records)).Select(i => (i.Rule, i.Table, i.Child, i.Row))];

    [Fact]
    public void rule_601_an_adoption_in_the_year_without_its_match()
    {
        ChildHistory Adopted(string id) => Child(id, Episode("2021-01-01", "S", "U4", end: "2022-09-01", rec: "X1"), Episode("2022-09-01", "P", "A4", end: "2023-06-01", rec: "E11"));
        var matched = Adopted("MATCHED") with { Permanence = new([new(D("2022-03-01"), null, null)], [new AdoptionMatchRow(D("2022-03-01"), D("2022-07-01"), false, 2, "MF", "L11")], []) };
        Assert.Equal([("601", "Episodes", "NOMATCH", 2), ("601", "AD1", "NOMATCH", 2)],
            Issues(2024, Record(matched), Record(Adopted("NOMATCH"))).OrderBy(i => i.Table == "AD1"));
    }

    [Theory]
    [InlineData("2023-06-14", true)] // the day before the 14th birthday
    [InlineData("2023-06-15", false)] // the birthday
    public void rule_387_independent_living_before_14(string end, bool fires)
    {
        var child = Child("C", Episode("2023-01-01", "S", "U4", end: end, rec: "E5")).BornOn("2009-06-15");
        Assert.Equal(fires ? [("387", "Episodes", "C", 1)] : [], Issues(2024, Record(child)));
    }

    /// <summary>Former relevant on her 18th birthday (15/06/2023) or relevant on his 17th (15/06/2023), with one contact
    /// 20/06/2023.</summary>
    private static ChildRecord Leaver(int age, string inTouch, string activity, string accommodation) => Record(
        age == 18
            ? Child("L", Episode("2019-01-01", "S", "U4", end: "2023-01-10", rec: "E8")).BornOn("2005-06-15")
            : Child("L", Episode("2021-01-01", "S", "U4", end: "2023-05-01", rec: "E8")).BornOn("2006-06-15"),
        CareLeaverFacts.None with { Contacts = [new(D("2023-06-20"), inTouch, activity, accommodation)] });

    [Fact]
    public void rule_345_in_touch_with_activity_or_accommodation_unknown()
    {
        Assert.Equal([("345", "OC3", "L", 1)], Issues(2024, Leaver(18, "YES", "F2", "0")));
        Assert.Equal([("345", "OC3", "L", 1)], Issues(2024, Leaver(18, "YES", "0", "U1")));
        Assert.Empty(Issues(2024, Leaver(18, "NO", "0", "0")));
        Assert.Empty(Issues(2024, Leaver(18, "YES", "F2", "U1")));
    }

    [Fact]
    public void rule_3001_with_former_foster_carers_at_17()
    {
        Assert.Equal([("3001", "OC3", "L", 1)], Issues(2024, Leaver(17, "YES", "F2", "Z1")));
        Assert.Equal([("3001", "OC3", "L", 1)], Issues(2024, Leaver(17, "YES", "F2", "Z2")));
        Assert.Empty(Issues(2024, Leaver(18, "YES", "F2", "Z1")));
        Assert.Empty(Issues(2024, Leaver(17, "YES", "F2", "U1")));
    }

    /// <summary>LONG is looked after from 2020 through the year (the OC2 cohort), with these social worker episodes.</summary>
    private static ChildRecord Long(params SocialWorkerEpisodeRow[] workers) =>
        Record(Child("LONG", Episode("2020-01-01", "S", "U4")) with { Permanence = new([], [], workers) });

    private static SocialWorkerEpisodeRow Worker(string id, string from, string? to = null) =>
        new(id, D(from), to is null ? null : D(to), "FCONTA", to is null ? null : "LEFTRL");

    [Fact]
    public void rule_sw01_a_child_looked_after_on_31_march_without_a_social_worker()
    {
        Assert.Equal([("SW01", "Episodes", "LONG", 1)], Issues(2024, Long()));
        Assert.Empty(Issues(2024, Long(Worker("SW1", "2020-01-01"))));
        // The table and its rules begin in 2023/24.
        Assert.Empty(Issues(2023, Long()));
        // Left care before 31 March: not asked.
        Assert.Empty(Issues(2024, Record(Child("GONE", Episode("2020-01-01", "S", "U4", end: "2024-03-31", rec: "E4A")))));
    }

    [Fact]
    public void rule_sw12_a_day_of_the_year_without_a_social_worker()
    {
        Assert.Empty(Issues(2024, Long(Worker("SW1", "2023-04-01"))));
        Assert.Equal([("SW12", "SWEpisodes", "LONG", 1)], Issues(2024, Long(Worker("SW1", "2023-04-02"))));
        Assert.Empty(Issues(2024, Long(Worker("SW1", "2020-01-01", "2023-09-01"), Worker("SW2", "2023-09-01"))));
        Assert.Equal([("SW12", "SWEpisodes", "LONG", 2)], Issues(2024, Long(Worker("SW1", "2020-01-01", "2023-09-01"), Worker("SW2", "2023-09-02"))));
        // Entered care in the year: only asked a social worker on 31 March.
        var newcomer = Child("NEW", Episode("2023-05-01", "S", "U4")) with { Permanence = new([], [], [Worker("SW1", "2023-05-01")]) };
        Assert.Empty(Issues(2024, Record(newcomer)));
    }

    [Fact]
    public void rule_sw17_no_social_worker_on_31_march()
    {
        Assert.Equal([("SW17", "SWEpisodes", "LONG", 1)], Issues(2024, Long(Worker("SW1", "2020-01-01", "2024-03-31"))));
        // Ended after 31 March: open in the return.
        Assert.Empty(Issues(2024, Long(Worker("SW1", "2020-01-01", "2024-04-01"))));
    }
}
