namespace CareTracking.Ssda903.Reviews;

/// <summary>
/// 903 REVIEW_CODE: how the child took part in a statutory review (903 rule 167). PN0 is for a child under
/// 4 on the review date (rules 440/441); PN1–PN6 mean the child participated, in person or by conveying
/// views; PN7 means the child neither attended nor conveyed views.
/// </summary>
public static class ReviewParticipation
{
    public const string UnderFour = "PN0";

    public static IReadOnlyList<string> Codes { get; } = ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"];

    /// <summary>What each code means, in the guide's words (the API documents them; the subject-access page shows them).</summary>
    public static IReadOnlyDictionary<string, string> Meanings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PN0"] = "Child aged under 4 at the time of the review",
        ["PN1"] = "Child physically attends and speaks for themselves",
        ["PN2"] = "Child physically attends and an advocate speaks on their behalf",
        ["PN3"] = "Child physically attends and conveys their views symbolically (non-verbally)",
        ["PN4"] = "Child physically attends but does not speak for themselves, convey views symbolically or have an advocate",
        ["PN5"] = "Child does not attend physically but briefs an advocate to speak for them",
        ["PN6"] = "Child does not attend but conveys their feelings to the review by another method",
        ["PN7"] = "Child does not attend nor are their views conveyed to the review",
    };

    public static bool IsCode(string? code) => code is not null && Codes.Contains(code);

    /// <summary>PN1–PN6: the child attended or had their views conveyed.</summary>
    public static bool Participated(string code) => code is "PN1" or "PN2" or "PN3" or "PN4" or "PN5" or "PN6";
}
