using System.Diagnostics.Metrics;
using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareTracking.ServiceDefaults.Telemetry;

/// <summary>
/// Gauges that need the database (outbox backlog and parked messages, each projection's lag), sampled every
/// <see cref="Interval"/> by one query each and served from the last sample: a scrape never waits on
/// PostgreSQL. Also the police alerts counter (meter "CareTracking.Service").
/// </summary>
public sealed class ServiceMetrics : BackgroundService
{
    public const string Name = "CareTracking.Service";
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly Meter Counters = new(Name);
    /// <summary>This host's gauges (a test process runs several hosts; each one's gauges go with it).</summary>
    private readonly Meter gauges = new(Name);

    /// <summary>Police alerts the broker confirmed, tagged with the force's routing key.</summary>
    public static readonly Counter<long> PoliceAlertsSent = Counters.CreateCounter<long>("caretracking.police.alerts.sent",
        unit: "{alert}", description: "Police alerts the broker confirmed, by force (tag force)");

    private readonly DocumentStore store;
    private readonly IReadOnlyList<IProjection> projections;
    private readonly SchemaInitializer schema;
    private readonly ILogger<ServiceMetrics> logger;
    private volatile Sample? last;

    private sealed record Sample(long Pending, long Parked, IReadOnlyDictionary<string, long> Lag);

    public ServiceMetrics(DocumentStore store, IEnumerable<IProjection> projections, SchemaInitializer schema, ILogger<ServiceMetrics> logger)
    {
        this.store = store;
        this.projections = projections.ToList();
        this.schema = schema;
        this.logger = logger;
        gauges.CreateObservableGauge("caretracking.outbox.backlog", () => Gauge(s => s.Pending),
            unit: "{message}", description: "Outbox messages waiting to be sent (not parked)");
        gauges.CreateObservableGauge("caretracking.outbox.parked.current", () => Gauge(s => s.Parked),
            unit: "{message}", description: "Outbox messages parked, waiting for an operator's replay");
        gauges.CreateObservableGauge("caretracking.projection.lag", ProjectionLag,
            unit: "{event}", description: "Events committed but not yet projected (tag projection)");
    }

    private IEnumerable<Measurement<long>> Gauge(Func<Sample, long> value) =>
        last is { } sample ? [new Measurement<long>(value(sample))] : [];

    private IEnumerable<Measurement<long>> ProjectionLag() =>
        last is { } sample
            ? sample.Lag.Select(l => new Measurement<long>(l.Value, new KeyValuePair<string, object?>("projection", l.Key)))
            : [];

    public override void Dispose()
    {
        gauges.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var background = WorkerConnections.Grant("metrics sampler: outbox counts and projection lag");
        await schema.Applied.WaitAsync(ct);
        var failing = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var (pending, parked) = await OutboxRelay.CountsAsync(store, ct);
                var lag = new Dictionary<string, long>();
                foreach (var projection in projections)
                    lag[projection.Name] = (await Checkpoints.StatusAsync(store, projection.Name, projection.EventTypes, ct)).Lag;
                last = new Sample(pending, parked, lag);
                failing = false;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The gauges keep the last sample; health reports the database itself.
                if (!failing) logger.LogInformation("Metrics sample failed ({Error}); keeping the last one", e.GetType().Name);
                failing = true;
            }
            try { await Task.Delay(Interval, ct); } catch (OperationCanceledException) { }
        }
    }
}
