using CareTracking.Indicators.Model;
using CareTracking.Indicators.Returns;
using CareTracking.Indicators.Returns.Checks;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests.Returns;

/// <summary>Rules 503A-F, 576 and 205A, B, D (docs/return-903.md, "The check"): this year's return (2024: 1 April 2023 to 31 March
/// 2024) against last year's as the DfE holds it, built from what was known when it was exported. Each pair of
/// histories is one child as known then and as known now.</summary>
public sealed class ReturnChecksLastYearTests
{
    private static List<(string Rule, string Table, string Child, int Row)> Issues(ChildHistory[] then, ChildHistory[] now) =>
        [.. ReturnChecks.AgainstLastYear(
            Return903.Build(new ReturnYear(2024), null, now.Select(h => ReturnChecksFurtherTests.Record(h))),
            Return903.Build(new ReturnYear(2023), null, then.Select(h => ReturnChecksFurtherTests.Record(h)))).Select(i => (i.Rule, i.Table, i.Child, i.Row))];

    [Fact]
    public void an_episode_open_on_last_years_31_march_that_reads_the_same_now_breaks_nothing()
    {
        var child = Child("SAME", Episode("2022-01-01", "S", "U4"));
        Assert.Empty(Issues([child], [child]));
    }

    [Theory]
    [InlineData("503A")]
    [InlineData("503B")]
    [InlineData("503C")]
    [InlineData("503D")]
    [InlineData("503E")]
    public void the_first_episode_must_say_what_last_years_open_one_said(string rule)
    {
        var then = Episode("2022-01-01", "S", "U4");
        var now = rule switch
        {
            "503A" => then with { Rne = "L" },
            "503B" => then with { Ls = "C1" },
            "503C" => then with { Cin = "N2" },
            "503D" => then with { Place = "U5" },
            _ => then with { PlaceProvider = "PR2" },
        };
        Assert.Equal([(rule, "Episodes", "C", 1)], Issues([Child("C", then)], [Child("C", now)]));
    }

    [Fact]
    public void rule_503F_the_urn_carries_over_too()
    {
        var then = Episode("2022-01-01", "S", "K2") with { Urn = "SC123456" };
        Assert.Equal([("503F", "Episodes", "C", 1)], Issues([Child("C", then)], [Child("C", then with { Urn = "SC654321" })]));
    }

    [Fact]
    public void rules_503G_and_503H_the_placements_distance_and_authority_carry_over_too()
    {
        var then = Episode("2022-01-01", "S", "U4") with { PlLa = "850", PlDistance = 12.4m };
        Assert.Empty(Issues([Child("C", then)], [Child("C", then with { PlDistance = 12.5m })]));
        Assert.Empty(Issues([Child("C", then)], [Child("C", then with { PlDistance = null })]));
        Assert.Equal([("503G", "Episodes", "C", 1)], Issues([Child("C", then)], [Child("C", then with { PlDistance = 12.6m })]));
        Assert.Equal([("503H", "Episodes", "C", 1)], Issues([Child("C", then)], [Child("C", then with { PlLa = "851" })]));
    }

    [Fact]
    public void only_an_episode_open_on_last_years_31_march_is_compared_and_only_with_this_years_first()
    {
        // Ended on 1 March 2023 as known then: nothing was open to carry over, whatever it says now.
        var ended = Child("ENDED", Episode("2022-01-01", "S", "U4", end: "2023-03-01", rec: "E8"));
        var endedNow = Child("ENDED", Episode("2022-01-01", "L", "U4", end: "2023-03-01", rec: "E8"), Episode("2023-05-01", "S", "U5"));
        // Open then and now, then a move in June: the second episode may differ.
        var moved = Child("MOVED", Episode("2022-01-01", "S", "U4"));
        var movedNow = Child("MOVED", Episode("2022-01-01", "S", "U4", end: "2023-06-01", rec: "X1", reasonPlaceChange: "CARPL"), Episode("2023-06-01", "P", "U5"));
        // A child last year's return did not have at all.
        var newcomer = Child("NEW", Episode("2023-04-10", "S", "U4"));

        Assert.Empty(Issues([ended, moved], [endedNow, movedNow, newcomer]));
    }

    [Fact]
    public void rule_576_a_missing_period_open_at_the_end_of_last_year_must_start_this_years_rows()
    {
        var child = Child("M", Episode("2022-01-01", "S", "U4")).BornOn("2008-05-05");
        var then = child.WithMissing(Missing("2023-03-30T20:00:00Z"));
        var same = child.WithMissing(Missing("2023-03-30T20:00:00Z", "2023-04-02T09:00:00Z"));
        var moved = child.WithMissing(Missing("2023-03-31T20:00:00Z", "2023-04-02T09:00:00Z"));
        var closedThen = child.WithMissing(Missing("2023-03-20T20:00:00Z", "2023-03-21T09:00:00Z"));

        Assert.Empty(Issues([then], [same]));
        Assert.Equal([("576", "Missing", "M", 1)], Issues([then], [moved]));
        Assert.Empty(Issues([closedThen], [moved]));
    }

    // A child in care since 2022, born in 2007 (so under 18 through both years), UASC from entry unless a spell says.
    private static ChildHistory Uasc(string id, params UascSpell[] spells) =>
        Child(id, Episode("2022-01-01", "S", "U4")).BornOn("2007-06-01") with { Uasc = spells };

    private static UascSpell Spell(string from, string? ceased = null) => new(D(from), ceased is null ? null : D(ceased));

    [Fact]
    public void uasc_status_that_runs_on_from_last_year_breaks_nothing()
    {
        var still = Uasc("STILL", Spell("2022-01-01"));
        var ceasedThen = Uasc("CEASED", Spell("2022-01-01", "2022-11-01"));
        var ceasesThisYear = Uasc("LATER", Spell("2022-01-01", "2023-09-01"));
        var never = Uasc("NEVER");
        Assert.Empty(Issues([still, ceasedThen, Uasc("LATER", Spell("2022-01-01")), never], [still, ceasedThen, ceasesThisYear, never]));
    }

    [Fact]
    public void rule_205A_a_status_open_at_the_end_of_last_year_cannot_vanish_this_year()
    {
        // Known then: UASC and still so on 31 March 2023. Known now: never UASC (the record was corrected).
        Assert.Equal([("205A", "Header", "A", 1)], Issues([Uasc("A", Spell("2022-01-01"))], [Uasc("A")]));
    }

    [Fact]
    public void rule_205B_a_status_that_ceased_last_year_cannot_apply_again_this_year()
    {
        // Known then: ceased on 1 November 2022. Known now: the status ran on past 31 March 2023.
        Assert.Equal([("205B", "UASC", "B", 1)], Issues([Uasc("B", Spell("2022-01-01", "2022-11-01"))], [Uasc("B", Spell("2022-01-01"))]));
    }

    [Fact]
    public void rule_205D_a_child_in_last_years_return_without_the_status_does_not_gain_it()
    {
        Assert.Equal([("205D", "UASC", "D", 1)], Issues([Uasc("D")], [Uasc("D", Spell("2022-01-01"))]));
        // A child last year's return did not have may arrive UASC.
        Assert.Empty(Issues([], [Uasc("NEW", Spell("2023-05-01")) with { Episodes = [Episode("2023-05-01", "S", "U4")] }]));
    }

    [Fact]
    public void last_years_return_must_be_the_year_before()
    {
        var ret = Return903.Build(new ReturnYear(2024), null, []);
        Assert.Throws<ArgumentException>(() => ReturnChecks.AgainstLastYear(ret, ret));
    }
}
