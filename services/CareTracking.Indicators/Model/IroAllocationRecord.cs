namespace CareTracking.Indicators.Model;

/// <summary>The UK date an independent reviewing officer was allocated to the child.</summary>
public sealed record IroAllocationRecord(DateOnly AllocatedOn);
