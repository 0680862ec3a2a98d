using CareTracking.Indicators.Breakdowns;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Model;
using CareTracking.Indicators.Projections;
using CareTracking.Ssda903.CareLeavers;
using CareTracking.Ssda903.Health;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

/// <summary>The committee's breakdowns against hand-counted children at 31 March 2024.</summary>
public class BreakdownsTests
{
    private static ChildRecord Record(ChildHistory history, string? sex = null, params IroAllocated[] iros) =>
        new(history, iros, HealthFacts.None, CareLeaverFacts.None,
            history.DateOfBirth is { } born ? new ChildView(born, false, history.Ethnicity, sex) : null);

    // A: 3 on 31/03/2024, male, White British, full care order, N1, fostered in house here (831).
    // B: 16, female, White and Black Caribbean, section 20, N4, children's home of an agency in 856, UASC since June.
    // C: 11, sex and ethnicity not recorded, full care order, placed with parents, PL_LA not recorded.
    // S: on a short break at D; E: left care in January. Neither is looked after on 31 March.
    private static readonly ChildRecord[] Children =
    [
        Record(Child("A", Episode("2023-05-01", "S", "U4", placedIn: "831")).BornOn("2020-05-01") with { Ethnicity = "WBRI" }, "M",
            new IroAllocated(D("2023-05-03"), "iro-1", "north")),
        Record(Child("B", Episode("2023-05-10", "S", "K2", ls: "V2", provider: "PR4", placedIn: "856") with { Cin = "N4" }).BornOn("2008-01-10")
            with { Ethnicity = "MWBC", Uasc = [new UascSpell(D("2023-06-01"), null)] }, "F",
            new IroAllocated(D("2023-05-12"), "iro-2", "south"), new IroAllocated(D("2023-11-01"), "iro-1", "north")),
        Record(Child("C", Episode("2022-01-10", "S", "P1"))),
        Record(Child("S", Episode("2024-03-25", "S", "K2", ls: "V3")).BornOn("2015-01-01"), "M"),
        Record(Child("E", Episode("2022-01-10", "S", "U4", "2024-01-01", "E4A")).BornOn("2015-01-01"), "F", new IroAllocated(D("2022-01-12"), "iro-2", "south")),
    ];

    [Fact]
    public void the_profile_counts_the_children_looked_after_on_the_day_by_each_dimension()
    {
        var profile = ChildProfile.At(Children, D("2024-03-31"), null);

        Assert.Equal(3, profile.LookedAfter);
        Assert.Equal([new("10to15", 1, 33.3m), new("16andOver", 1, 33.3m), new("1to4", 1, 33.3m)], profile.Dimensions["ageBand"]);
        Assert.Equal([new("female", 1, 33.3m), new("male", 1, 33.3m), new("notRecorded", 1, 33.3m)], profile.Dimensions["sex"]);
        Assert.Equal([new("mixed", 1, 33.3m), new("notRecorded", 1, 33.3m), new("white", 1, 33.3m)], profile.Dimensions["ethnicGroup"]);
        Assert.Equal([new("fullCareOrder", 2, 66.7m), new("section20", 1, 33.3m)], profile.Dimensions["legalStatus"]);
        Assert.Equal([new("N1", 2, 66.7m), new("N4", 1, 33.3m)], profile.Dimensions["categoryOfNeed"]);
        Assert.Equal([new("notUasc", 2, 66.7m), new("uasc", 1, 33.3m)], profile.Dimensions["uasc"]);
        Assert.Equal(
            [new("fosterOther", "fullCareOrder", 1), new("placedWithParents", "fullCareOrder", 1), new("secureChildrensHomes", "section20", 1)],
            profile.PlacementByLegalStatus);
        Assert.Equal([new("831", 1, 33.3m), new("856", 1, 33.3m), new("notRecorded", 1, 33.3m)], profile.PlacedIn);
    }

    [Fact]
    public void the_missing_analysis_counts_incidents_by_placement_by_child_short_ones_and_returns_without_an_interview()
    {
        // A: 8 h (interview completed), 24 h (not completed), still missing; one before care (not counted).
        // B: 5 h, interview completed. Incidents 4 of 2 children; A's 3 are the most-missing fifth's (1 child of 2).
        var children = new[]
        {
            Children[0] with { History = Children[0].History.WithMissing(
                Missing("2023-04-20T10:00:00Z", "2023-04-20T12:00:00Z"),
                Missing("2023-06-01T20:00:00Z", "2023-06-02T04:00:00Z") with { InterviewCompleted = true },
                Missing("2023-07-01T10:00:00Z", "2023-07-02T10:00:00Z"),
                Missing("2023-08-01T10:00:00Z")) },
            Children[1] with { History = Children[1].History.WithMissing(
                Missing("2023-09-01T10:00:00Z", "2023-09-01T15:00:00Z") with { InterviewCompleted = true },
                Away("2023-10-01T10:00:00Z", "2023-10-01T11:00:00Z")) },
        };

        var missing = MissingAnalysis.Of(children, Year2024);

        Assert.Equal(4, missing.Incidents);
        Assert.Equal(2, missing.Children);
        Assert.Equal([new("fosterOther", 3, 75.0m), new("secureChildrensHomes", 1, 25.0m)], missing.ByPlacement);
        Assert.Equal([new("foster.inHouse", 3, 75.0m), new("PR4", 1, 25.0m)], missing.ByProvider);
        Assert.Equal([new("1", 1, 50.0m), new("2to4", 1, 50.0m)], missing.ChildrenByIncidents);
        Assert.Equal(3, missing.IncidentsOfTheMostMissingFifth);
        Assert.Equal(2, missing.UnderTenHours);
        Assert.Equal(3, missing.Returns);
        Assert.Equal(1, missing.ReturnsWithoutCompletedInterview);
    }

    [Fact]
    public void the_missing_analysis_counts_incidents_by_found_area_risk_level_and_exploitation_and_interviews_completed_within_72_hours()
    {
        // A: found in DE1 (high, criminal; interview completed exactly 72 h after the return: in time), found in DE1 again
        // (medium; completed after 96 h: late), still missing (high, criminal and sexual). B: found where not recorded,
        // risk not known, sexual, no interview. B's away episode is not an incident.
        var children = new[]
        {
            Children[0] with { History = Children[0].History.WithMissing(
                Missing("2023-06-01T20:00:00Z", "2023-06-02T04:00:00Z") with
                {
                    InterviewCompleted = true, HighestRiskLevel = "high", CriminalExploitation = true, FoundArea = "DE1",
                    InterviewCompletedAt = DateTimeOffset.Parse("2023-06-05T04:00:00Z"),
                },
                Missing("2023-07-01T10:00:00Z", "2023-07-02T10:00:00Z") with
                {
                    InterviewCompleted = true, HighestRiskLevel = "medium", FoundArea = "DE1", InterviewCompletedAt = DateTimeOffset.Parse("2023-07-06T10:00:00Z"),
                },
                Missing("2023-08-01T10:00:00Z") with { HighestRiskLevel = "high", CriminalExploitation = true, SexualExploitation = true }) },
            Children[1] with { History = Children[1].History.WithMissing(
                Missing("2023-09-01T10:00:00Z", "2023-09-01T15:00:00Z") with { SexualExploitation = true },
                Away("2023-10-01T10:00:00Z", "2023-10-01T11:00:00Z") with { HighestRiskLevel = "low", FoundArea = "NG7" }) },
        };

        var missing = MissingAnalysis.Of(children, Year2024);

        Assert.Equal([new("DE1", 2, 50.0m), new("notRecorded", 1, 25.0m), new("notReturned", 1, 25.0m)], missing.ByFoundArea);
        Assert.Equal([new("high", 2, 50.0m), new("medium", 1, 25.0m), new("notRecorded", 1, 25.0m)], missing.ByRiskLevel);
        Assert.Equal([new("criminal", 1, 25.0m), new("criminalAndSexual", 1, 25.0m), new("none", 1, 25.0m), new("sexual", 1, 25.0m)],
            missing.ByExploitation);
        Assert.Equal(3, missing.Returns);
        Assert.Equal(1, missing.ReturnsWithInterviewCompletedIn72Hours);
    }

    [Fact]
    public void each_iro_carries_the_children_looked_after_whose_latest_allocation_by_the_day_is_theirs()
    {
        // A and B (reallocated in November) are iro-1's; C has no IRO; E left care, so iro-2 has none on 31 March.
        var caseloads = IroCaseloads.At(Children, D("2024-03-31"), guidance: 1);

        Assert.Equal([new IroCaseload("iro-1", "north", 2, OverGuidance: true)], caseloads.Iros);
        Assert.Equal(1, caseloads.ChildrenWithoutIro);
        // On 30 June 2023 B was still iro-2's, beside E: two against a guidance of one.
        Assert.Equal([new IroCaseload("iro-2", "south", 2, true), new IroCaseload("iro-1", "north", 1, false)],
            IroCaseloads.At(Children, D("2023-06-30"), guidance: 1).Iros);
    }
}
