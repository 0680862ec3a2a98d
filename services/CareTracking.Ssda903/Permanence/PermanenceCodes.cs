namespace CareTracking.Ssda903.Permanence;

/// <summary>
/// The code lists of the 903 adoption, previous-permanence and social-worker tables (AD1, PlacedAdoption,
/// PrevPerm, SWEpisodes), as docs/ssda903.md and the shared domain notes give them.
/// </summary>
public static class PermanenceCodes
{
    /// <summary>REASON_PLACED_CEASED: why a "should be placed for adoption" decision stopped (903 rule 120).</summary>
    public static readonly IReadOnlyDictionary<string, string> ReversalReasons = new Dictionary<string, string>
    {
        ["RD1"] = "child's needs changed",
        ["RD2"] = "court did not make a placement order",
        ["RD3"] = "prospective adopters could not be found",
        ["RD4"] = "any other reason",
    };

    /// <summary>SEX_ADOPTR, with the number of adopters each implies (NB_ADOPTR).</summary>
    public static readonly IReadOnlyDictionary<string, int> AdopterSexes = new Dictionary<string, int>
    {
        ["M1"] = 1, ["F1"] = 1, ["MM"] = 2, ["FF"] = 2, ["MF"] = 2,
    };

    /// <summary>LS_ADOPTR, with the number of adopters each implies: L0 single; the others couples.</summary>
    public static readonly IReadOnlyDictionary<string, int> AdopterLegalStatuses = new Dictionary<string, int>
    {
        ["L0"] = 1, ["L11"] = 2, ["L12"] = 2, ["L2"] = 2, ["L3"] = 2, ["L4"] = 2,
    };

    /// <summary>PREV_PERM: P1 adoption, P2 special guardianship order, P3 residence / child arrangements order,
    /// P4 unknown, Z1 no previous permanence option (903 rule 631).</summary>
    public static readonly IReadOnlySet<string> PreviousPermanenceOptions = new HashSet<string> { "P1", "P2", "P3", "P4", "Z1" };

    /// <summary>SEX_ADOPTR in words, for readers of a record (the subject-access page).</summary>
    public static readonly IReadOnlyDictionary<string, string> AdopterSexMeanings = new Dictionary<string, string>
    {
        ["M1"] = "One adopter, male",
        ["F1"] = "One adopter, female",
        ["MM"] = "Two adopters, both male",
        ["FF"] = "Two adopters, both female",
        ["MF"] = "Two adopters, one male and one female",
    };

    /// <summary>LS_ADOPTR in words, for readers of a record (the subject-access page).</summary>
    public static readonly IReadOnlyDictionary<string, string> AdopterLegalStatusMeanings = new Dictionary<string, string>
    {
        ["L0"] = "Single adopter",
        ["L11"] = "Married couple of different genders",
        ["L12"] = "Married couple of the same gender",
        ["L2"] = "Civil partners",
        ["L3"] = "Unmarried couple of different genders",
        ["L4"] = "Unmarried couple of the same gender",
    };

    /// <summary>PREV_PERM in words (the subject-access page shows them).</summary>
    public static readonly IReadOnlyDictionary<string, string> PreviousPermanenceMeanings = new Dictionary<string, string>
    {
        ["P1"] = "Adoption",
        ["P2"] = "Special guardianship order",
        ["P3"] = "Residence order or child arrangements order",
        ["P4"] = "Unknown",
        ["Z1"] = "No previous permanence option",
    };

    /// <summary>The previous permanence options that name an order, so may carry its date and authority.</summary>
    public static bool IsOrder(string option) => option is "P1" or "P2" or "P3";

    /// <summary>SW_REASON: why the child's social worker changed (or first came).</summary>
    public static readonly IReadOnlyDictionary<string, string> SocialWorkerReasons = new Dictionary<string, string>
    {
        ["MANAGE"] = "caseload management",
        ["FCONTA"] = "first contact or re-referral",
        ["LEFTRL"] = "previous social worker left the role",
        ["ORGRST"] = "organisational restructure",
        ["TSPROC"] = "transfer by standard process",
        ["ABSENC"] = "absence cover or return from absence",
        ["CHCHAN"] = "child requested a change",
        ["PCCHAN"] = "parent or carer requested a change",
        ["SWDIED"] = "previous social worker died",
        ["OTHERS"] = "other",
    };

    /// <summary>SW_ID: a Social Work England registration number (SW…) or, for a worker without one, XX…
    /// (903 rule SW02).</summary>
    public static bool IsSocialWorkerId(string? id) =>
        id is { Length: > 2 and <= 20 }
        && (id.StartsWith("SW", StringComparison.Ordinal) || id.StartsWith("XX", StringComparison.Ordinal))
        && id.All(char.IsAsciiLetterOrDigit);
}
