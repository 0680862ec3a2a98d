namespace CareTracking.Placements.Children.Adoption;

/// <summary>PrevPerm as given on the entry into the period of care beginning <see cref="PeriodStart"/>.</summary>
public sealed record PreviousPermanenceRow(DateOnly PeriodStart, string Option, string? Date, string? Authority);
