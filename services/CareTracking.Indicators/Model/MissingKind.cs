namespace CareTracking.Indicators.Model;

/// <summary>903 MISSING: M missing from care (whereabouts unknown), A away without authorisation (known).</summary>
public enum MissingKind
{
    Missing,
    Away,
}
