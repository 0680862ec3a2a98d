namespace CareTracking.Ssda903.Codes;

/// <summary>Groups of PLACE codes that 903 rules and indicators refer to.</summary>
public static class PlacementTypes
{
    /// <summary>T0–T4: temporary placements (hospital, holiday, respite for the carer); not moves.</summary>
    public static bool IsTemporary(string placementType) =>
        placementType is "T0" or "T1" or "T2" or "T3" or "T4";

    /// <summary>A3–A6: placed for adoption.</summary>
    public static bool IsPlacedForAdoption(string placementType) =>
        placementType is "A3" or "A4" or "A5" or "A6";

    /// <summary>U1–U6: foster placements.</summary>
    public static bool IsFoster(string placementType) =>
        placementType is "U1" or "U2" or "U3" or "U4" or "U5" or "U6";

    /// <summary>U1 and U4: long-term fostering.</summary>
    public static bool IsLongTermFoster(string placementType) => placementType is "U1" or "U4";

    /// <summary>
    /// PLACE_PROVIDER may be absent for temporary placements and "other placements" (Z1, Z11–Z14); every
    /// other placement type names its provider.
    /// </summary>
    public static bool NeedsProvider(string placementType) =>
        !IsTemporary(placementType) && placementType is not ("Z1" or "Z11" or "Z12" or "Z13" or "Z14");

    /// <summary>
    /// Placement types with no Ofsted URN (903 rule 222, as docs/ssda903.md gives its 2025/26 list): with
    /// parents (P1), residential employment (P3), residential care homes (R1), NHS establishments (R2), young
    /// offender institutions (R5), temporary placements (T0–T4) and other placements (Z11–Z14).
    /// </summary>
    public static bool TakesNoUrn(string placementType) =>
        IsTemporary(placementType)
        || placementType is "P1" or "P3" or "R1" or "R2" or "R5" or "Z11" or "Z12" or "Z13" or "Z14";
}
