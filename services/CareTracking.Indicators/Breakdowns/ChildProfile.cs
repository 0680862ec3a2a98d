using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Breakdowns;

/// <summary>One group of a breakdown: how many children, and that as % of the children broken down.</summary>
public sealed record GroupCount(string Group, int Count, decimal? Pct);

/// <summary>Children looked after at D in one placement group and one legal-status group.</summary>
public sealed record PlacementByLegalStatus(string PlacementGroup, string LegalStatusGroup, int Count);

/// <summary>The children looked after at D broken down as the committee's profile reads them. Counts only: no child
/// is named.</summary>
public sealed record ProfileBreakdown(
    DateOnly AsAt, DateTimeOffset? KnownAt, int LookedAfter,
    IReadOnlyDictionary<string, IReadOnlyList<GroupCount>> Dimensions,
    IReadOnlyList<PlacementByLegalStatus> PlacementByLegalStatus,
    IReadOnlyList<GroupCount> PlacedIn);

/// <summary>
/// The profile of the children looked after at D (the <c>cla</c> cohort: an episode open on D, short breaks V3/V4 set
/// aside): by age band, sex, ethnic group, legal status, category of need and UASC; the placement mix split by legal
/// status; and where they are placed (PL_LA). Pure.
/// </summary>
public static class ChildProfile
{
    public const string NotRecorded = "notRecorded";

    /// <summary>The DfE's age bands on 31 March, in whole years on D.</summary>
    public static string AgeBandOf(int? age) => age switch
    {
        null => NotRecorded,
        < 1 => "under1",
        < 5 => "1to4",
        < 10 => "5to9",
        < 16 => "10to15",
        _ => "16andOver",
    };

    public static string SexOf(string? sex) => sex switch
    {
        "M" or "1" => "male",
        "F" or "2" => "female",
        _ => NotRecorded,
    };

    /// <summary>The ETHNIC code's main group (WBRI → white, MWBC → mixed, …; REFU and NOBT are "refused or not obtained").</summary>
    public static string EthnicGroupOf(string? ethnic) => ethnic switch
    {
        null or "" => NotRecorded,
        "REFU" or "NOBT" => "refusedOrNotObtained",
        "CHNE" or "OOTH" => "other",
        _ => ethnic[0] switch
        {
            'W' => "white",
            'M' => "mixed",
            'A' => "asian",
            'B' => "black",
            _ => "other",
        },
    };

    /// <summary>LS grouped as the DfE reports legal status.</summary>
    public static string LegalStatusGroupOf(string ls) => ls switch
    {
        "C1" => "interimCareOrder",
        "C2" => "fullCareOrder",
        "E1" => "placementOrder",
        "V2" => "section20",
        "L1" or "L2" or "L3" => "emergencyProtectionOrPolice",
        "J1" or "J2" or "J3" => "youthJustice",
        _ => "other",
    };

    public static ProfileBreakdown At(IReadOnlyList<ChildRecord> children, DateOnly asAt, DateTimeOffset? knownAt)
    {
        var cohort = new List<(ChildRecord Child, EpisodeRow Episode)>();
        foreach (var c in children)
        {
            if (EpisodeOn(c.History, asAt) is { } episode) cohort.Add((c, episode));
        }

        IReadOnlyList<GroupCount> By(Func<(ChildRecord Child, EpisodeRow Episode), string> group) =>
            [.. cohort.GroupBy(group).Select(g => new GroupCount(g.Key, g.Count(), Measure.Percent(g.Count(), cohort.Count).Value))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Group, StringComparer.Ordinal)];

        var dimensions = new Dictionary<string, IReadOnlyList<GroupCount>>
        {
            ["ageBand"] = By(c => AgeBandOf(c.Child.History.DateOfBirth is { } born ? Ssda903.Calendar.Age.InWholeYears(born, asAt) : null)),
            ["sex"] = By(c => SexOf(c.Child.Details?.Sex)),
            ["ethnicGroup"] = By(c => EthnicGroupOf(c.Child.History.Ethnicity ?? c.Child.Details?.Ethnicity)),
            ["legalStatus"] = By(c => LegalStatusGroupOf(c.Episode.Ls)),
            ["categoryOfNeed"] = By(c => string.IsNullOrEmpty(c.Episode.Cin) ? NotRecorded : c.Episode.Cin),
            ["uasc"] = By(c => c.Child.History.Uasc.Any(s => s.From <= asAt && (s.Ceased is null || s.Ceased > asAt)) ? "uasc" : "notUasc"),
        };

        var mix = cohort
            .GroupBy(c => (Placement: CodeGroups.PlacementGroupOf(c.Episode.Place), Legal: LegalStatusGroupOf(c.Episode.Ls)))
            .Select(g => new PlacementByLegalStatus(g.Key.Placement, g.Key.Legal, g.Count()))
            .OrderBy(p => p.PlacementGroup, StringComparer.Ordinal).ThenBy(p => p.LegalStatusGroup, StringComparer.Ordinal)
            .ToList();

        // PL_LA: our own code counts as placed inside; CON (confidential) says nothing of where.
        var placedIn = By(c => c.Episode.PlLa switch
        {
            null or "" => NotRecorded,
            "CON" => "confidential",
            var la => la,
        });

        return new ProfileBreakdown(asAt, knownAt, cohort.Count, dimensions, mix, placedIn);
    }

    /// <summary>The episode open on D, short breaks set aside, as <c>cla</c> counts it.</summary>
    internal static EpisodeRow? EpisodeOn(Model.ChildHistory child, DateOnly date)
    {
        EpisodeRow? open = null;
        foreach (var e in child.Episodes)
        {
            if (!CodeGroups.IsShortBreak(e.Ls) && e.Decom <= date && (e.Dec is null || e.Dec > date) && (open is null || e.Decom >= open.Decom))
                open = e;
        }
        return open;
    }
}
