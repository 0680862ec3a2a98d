namespace CareTracking.Ssda903.Codes;

/// <summary>
/// PL_LA, the local authority the child is placed in: the DfE three-digit LA code (as the tokens carry the
/// responsible authority, e.g. 831 Derby), or one of the special values for a placement outside England or
/// kept confidential (docs/ssda903.md, Derived fields; Ofsted Annex A List 8 "LA of Placement").
/// </summary>
public static class PlacementLocalAuthority
{
    /// <summary>Confidential placement: the area is not recorded.</summary>
    public const string Confidential = "CON";

    /// <summary>CON confidential; NIR Northern Ireland; SCO Scotland; WAL Wales; NUK outside the UK.</summary>
    public static readonly IReadOnlySet<string> SpecialValues = new HashSet<string>(StringComparer.Ordinal) { Confidential, "NIR", "SCO", "WAL", "NUK" };

    /// <summary>
    /// Three ASCII digits, or a special value, exactly (upper case, no spaces). The digits are not checked
    /// against a list of English authorities: the service holds none of its own (see docs/placements.md).
    /// </summary>
    public static bool IsWellFormed(string code) => SpecialValues.Contains(code) || IsEnglishAuthority(code);

    /// <summary>An English authority's code (three digits), as opposed to a special value.</summary>
    public static bool IsEnglishAuthority(string? code) => code is { Length: 3 } && code.All(char.IsAsciiDigit);
}

/// <summary>
/// PL_DISTANCE: the straight-line distance in miles between the home (HOME_POST) and placement (PL_POST)
/// postcode centroids, to one decimal; 999.9 when it cannot be worked out (home outside England or unknown,
/// placement postcode not available). docs/ssda903.md, Derived fields.
/// </summary>
public static class PlacementDistance
{
    /// <summary>The DfE value for a distance that is unknown or does not apply.</summary>
    public const decimal Unknown = 999.9m;

    /// <summary>903 rule 454 flags a distance over 350 miles unless it is <see cref="Unknown"/>.</summary>
    public const decimal Longest = 350m;

    /// <summary>A distance that is recorded and is not <see cref="Unknown"/>.</summary>
    public static bool IsKnown(decimal? miles) => miles is { } m && m != Unknown;

    /// <summary>At most one decimal place (12.3 and 12.30 are the same distance; 12.34 is not one).</summary>
    public static bool HasOneDecimalAtMost(decimal miles) => decimal.Round(miles, 1) == miles;
}
