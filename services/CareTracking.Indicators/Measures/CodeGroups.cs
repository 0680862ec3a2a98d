namespace CareTracking.Indicators.Measures;

/// <summary>The 903 code sets the measures count by (docs/ssda903.md, docs/measures.md).</summary>
public static class CodeGroups
{
    /// <summary>LS V3 (individual short breaks) and V4 (short-break agreements): out of every count.</summary>
    public static bool IsShortBreak(string legalStatus) => legalStatus is "V3" or "V4";

    /// <summary>PLACE T0–T4: hospital, holiday, carer's holiday, up to 7 days for another reason.</summary>
    public static bool IsTemporary(string place) => place is "T0" or "T1" or "T2" or "T3" or "T4";

    public static bool IsFoster(string place) => place is "U1" or "U2" or "U3" or "U4" or "U5" or "U6";

    public static bool IsPlacedForAdoption(string place) => place is "A3" or "A4" or "A5" or "A6";

    /// <summary>RNE that begins a new carer: started to be looked after, new carer, new carer and status.</summary>
    public static bool StartsNewCarer(string reasonForNewEpisode) => reasonForNewEpisode is "S" or "P" or "B";

    /// <summary>RNE T or U: the placement record changed but the carers did not.</summary>
    public static bool IsSameCarerChange(string reasonForNewEpisode) => reasonForNewEpisode is "T" or "U";

    public const string Continues = "X1";

    /// <summary>The placement mix groups, in the order a committee reads them.</summary>
    public static IReadOnlyList<string> PlacementGroups { get; } =
    [
        "fosterRelativeFriend", "fosterOther", "placedForAdoption", "placedWithParents", "secureChildrensHomes",
        "supportedIndependent", "otherResidential", "residentialSchool", "other",
    ];

    public static string PlacementGroupOf(string place) => place switch
    {
        "U1" or "U2" or "U3" => "fosterRelativeFriend",
        "U4" or "U5" or "U6" => "fosterOther",
        "A3" or "A4" or "A5" or "A6" => "placedForAdoption",
        "P1" => "placedWithParents",
        "K1" or "K2" => "secureChildrensHomes",
        "K3" or "H5" or "P2" => "supportedIndependent",
        "R1" or "R2" or "R3" or "R5" => "otherResidential",
        "S1" => "residentialSchool",
        _ => "other",
    };

    /// <summary>Foster placements by provider; PR0/PR3 or no provider fall in otherOrUnknown.</summary>
    public static IReadOnlyList<string> FosteringProviders { get; } = ["inHouse", "otherLa", "agency", "otherOrUnknown"];

    public static string FosteringProviderOf(string? provider) => provider switch
    {
        "PR1" => "inHouse",
        "PR2" => "otherLa",
        "PR4" or "PR5" => "agency",
        _ => "otherOrUnknown",
    };

    public static IReadOnlyList<string> CeasedReasonGroups { get; } =
        ["adopted", "specialGuardianship", "returnedHome", "childArrangementsOrResidenceOrder", "independentLiving", "stayedPut18Plus", "transfer", "other"];

    public static string CeasedReasonGroupOf(string? reasonEnded) => reasonEnded switch
    {
        "E11" or "E12" => "adopted",
        "E45" or "E46" or "E47" or "E48" => "specialGuardianship",
        "E4A" or "E4B" or "E13" => "returnedHome",
        "E41" => "childArrangementsOrResidenceOrder",
        "E5" or "E6" => "independentLiving",
        "E17" => "stayedPut18Plus",
        "E3" => "transfer",
        _ => "other",
    };

    public static IReadOnlyList<string> ParticipationCodes { get; } = ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"];

    /// <summary>PN1–PN6: the child attended or conveyed views; PN0 is "under 4", PN7 "views not conveyed".</summary>
    public static bool ChildParticipated(string? participationCode) =>
        participationCode is "PN1" or "PN2" or "PN3" or "PN4" or "PN5" or "PN6";
}

/// <summary>REASON_PLACE_CHANGE codes, plus notRecorded for a move without one.</summary>
public static class PlacementChangeReasons
{
    public static IReadOnlyList<string> All { get; } =
        ["CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER", "notRecorded"];

    public static string Of(string? reasonPlaceChange) =>
        reasonPlaceChange is { } code && All.Contains(code) ? code : "notRecorded";
}
