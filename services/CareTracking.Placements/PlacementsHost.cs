namespace CareTracking.Placements;

/// <summary>Names this service's assembly to test hosts (<c>WebApplicationFactory&lt;PlacementsHost&gt;</c>): every service's
/// top-level Program is the same global <c>Program</c>, so none can name its own service.</summary>
public sealed class PlacementsHost;
