namespace CareTracking.Ssda903.Episodes;

/// <summary>Ceased to be looked after; the period of care ends with REC <paramref name="ReasonEnded"/>.</summary>
public sealed record CeasedCare(DateOnly Date, string ReasonEnded) : CareChange(Date);
