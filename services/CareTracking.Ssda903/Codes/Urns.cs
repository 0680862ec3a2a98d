namespace CareTracking.Ssda903.Codes;

/// <summary>
/// The Ofsted unique reference number (URN) of a placement's setting or of the fostering or adoption agency:
/// <c>SC</c> and six digits, or seven digits for newer providers; <c>XXXXXXX</c> when the setting is
/// inspected by the CQC or ISI rather than Ofsted, or the provider is a regional adoption agency
/// (DfE guide as restated in docs/ssda903.md, URN and PL_POST).
/// </summary>
public static class Urns
{
    /// <summary>The URN given for a setting Ofsted does not inspect (CQC, ISI) or a regional adoption agency.</summary>
    public const string NotInspectedByOfsted = "XXXXXXX";

    /// <summary>True for <c>SC</c> + 6 digits, 7 digits or <c>XXXXXXX</c>, exactly (upper case, no spaces).</summary>
    public static bool IsWellFormed(string urn) =>
        urn == NotInspectedByOfsted
        || (urn.Length == 8 && urn.StartsWith("SC", StringComparison.Ordinal) && urn[2..].All(char.IsAsciiDigit))
        || (urn.Length == 7 && urn.All(char.IsAsciiDigit));
}
