using CareTracking.Indicators.Measures;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

public class MeasureDefinitionTests
{
    private static readonly string[] KeysTheCommitteeApiPromises =
    [
        "cla", "ratePer10k", "started", "ceased", "ceasedAdopted", "ceasedAdoptedPct", "uasc",
        "placementMix.fosterRelativeFriend", "placementMix.fosterOther", "placementMix.placedForAdoption",
        "placementMix.placedWithParents", "placementMix.secureChildrensHomes", "placementMix.supportedIndependent",
        "placementMix.otherResidential", "placementMix.residentialSchool", "placementMix.other",
        "fosteringByProvider.inHouse", "fosteringByProvider.otherLa", "fosteringByProvider.agency",
        "placedOver20MilesPct", "placedOver20MilesUnknown", "outOfAreaPct", "outOfAreaUnknown",
        "threePlusPlacementsPct", "longTermStabilityPct", "missingIncidents", "childrenMissing", "awayIncidents",
        "childrenAway", "returnInterviewOfferedIn72hPct", "reviewsOnTimePct", "iroAllocatedIn5DaysPct",
    ];

    [Fact]
    public void every_report_carries_each_key_the_committee_api_promises_even_with_no_children()
    {
        var report = Report(Year2024);

        Assert.All(KeysTheCommitteeApiPromises, key => Assert.True(report.Measures.ContainsKey(key), key));
    }

    [Fact]
    public void every_measure_on_a_report_has_a_definition_printed_with_it()
    {
        var report = Report(Year2024);

        Assert.All(report.Measures.Keys, key => Assert.NotNull(MeasureDefinitions.For(key)));
        Assert.Same(MeasureDefinitions.All, report.Definitions);
    }

    [Fact]
    public void a_report_states_every_switch_and_says_which_are_on()
    {
        var defaults = Report(Year2024);
        var switched = Report(Year2024, new IndicatorSwitches(SameCarerChangeIsNewPlacement: true));

        Assert.Equal(3, defaults.SwitchesInForce.Count);
        Assert.DoesNotContain(defaults.SwitchesInForce, s => s.EndsWith("ON.", StringComparison.Ordinal));
        Assert.Contains(switched.SwitchesInForce, s => s.StartsWith("Same-carer changes", StringComparison.Ordinal) && s.EndsWith("ON.", StringComparison.Ordinal));
    }

    [Fact]
    public void a_report_echoes_its_window_and_the_known_at_instant()
    {
        var knownAt = At("2024-07-15T09:00:00Z");

        var report = Report(Year2024 with { KnownAt = knownAt });

        Assert.Equal((D("2023-04-01"), D("2024-03-31"), D("2024-03-31"), knownAt), (report.From, report.To, report.AsAt, report.KnownAt));
    }
}
