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

    public static bool IsCode(string? code) => code is not null && Codes.Contains(code);

    /// <summary>PN1–PN6: the child attended or had their views conveyed.</summary>
    public static bool Participated(string code) => code is "PN1" or "PN2" or "PN3" or "PN4" or "PN5" or "PN6";
}
