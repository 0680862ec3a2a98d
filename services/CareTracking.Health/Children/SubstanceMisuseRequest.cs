namespace CareTracking.Health.Children;

public sealed record SubstanceMisuseRequest(DateOnly Date, bool? InterventionOffered = null, bool? InterventionReceived = null, Guid? EventId = null);
