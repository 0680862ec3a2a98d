namespace CareTracking.Ssda903.Codes;

/// <summary>Groups of LS codes that 903 rules and indicators refer to.</summary>
public static class LegalStatuses
{
    /// <summary>V3/V4: short breaks (respite), excluded from almost every published count.</summary>
    public static bool IsShortBreak(string legalStatus) => legalStatus is "V3" or "V4";
}
