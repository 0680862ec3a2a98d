namespace CareTracking.Ssda903.Episodes;

/// <summary>The legal status changed, the placement did not (RNE L).</summary>
public sealed record LegalStatusChange(DateOnly Date, string LegalStatus) : CareChange(Date);
