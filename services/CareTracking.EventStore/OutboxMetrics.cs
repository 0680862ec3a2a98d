namespace CareTracking.EventStore;

/// <summary>The outbox's instruments (meter "CareTracking.Outbox"), for whatever metrics exporter is attached.</summary>
public static class OutboxMetrics
{
    public static readonly System.Diagnostics.Metrics.Meter Meter = new("CareTracking.Outbox");
    public static readonly System.Diagnostics.Metrics.Counter<long> Sent = Meter.CreateCounter<long>("caretracking.outbox.sent", description: "Messages the broker confirmed");
    public static readonly System.Diagnostics.Metrics.Counter<long> Parked = Meter.CreateCounter<long>("caretracking.outbox.parked", description: "Messages parked (reason: unroutable or unsendable)");
    public static readonly System.Diagnostics.Metrics.Counter<long> RelayFailures = Meter.CreateCounter<long>("caretracking.outbox.relay_failures", description: "Relay rounds that failed (broker or database unavailable)");
}
