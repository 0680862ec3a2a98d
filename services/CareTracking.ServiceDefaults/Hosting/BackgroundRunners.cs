using CareTracking.EventStore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareTracking.ServiceDefaults.Hosting;

/// <summary>Applies the event store schema at start-up, retrying while PostgreSQL is not yet up, so the
/// process starts and becomes ready by itself.</summary>
public sealed class SchemaInitializer(DocumentStore store, ILogger<SchemaInitializer> logger) : BackgroundService
{
    private readonly TaskCompletionSource applied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public bool IsApplied => applied.Task.IsCompletedSuccessfully;
    public Task Applied => applied.Task;
    public List<Func<CancellationToken, Task>> AfterSchema { get; } = [];

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await store.ApplySchemaAsync(ct);
                foreach (var step in AfterSchema) await step(ct);
                applied.TrySetResult();
                logger.LogInformation("Event store schema {Schema} is ready", store.Schema);
                if (await store.BypassesRowSecurityAsync(ct))
                    logger.LogWarning("The event store connection's role is a superuser or has BYPASSRLS: PostgreSQL does not keep authorities apart; connect as a restricted role (deploy/README.md)");
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("Event store schema not applied yet ({Error}); retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
    }
}

/// <summary>Runs the service's outbox relay. The relay never ends on a fault (it backs off and resumes), so
/// this service never stops the host.</summary>
public sealed class OutboxRelayService(DocumentStore store, IOutboxTransport transport, SchemaInitializer schema, ILogger<OutboxRelay> logger) : BackgroundService
{
    public OutboxRelay Relay { get; } = new(store, transport, new OutboxRelayOptions(), logger);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var background = WorkerConnections.Grant("outbox relay");
        await schema.Applied.WaitAsync(ct);
        await Relay.RunAsync(ct);
    }
}

/// <summary>Runs every registered projection (each takes its own lock, so one instance runs it at a time).</summary>
public sealed class ProjectionService(DocumentStore store, IEnumerable<IProjection> projections, SchemaInitializer schema, ILogger<ProjectionRunner> logger) : BackgroundService
{
    public IReadOnlyList<ProjectionRunner> Runners { get; } =
        projections.Select(p => new ProjectionRunner(store, p, new ProjectionOptions(), logger)).ToList();

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var background = WorkerConnections.Grant("projection runners");
        await schema.Applied.WaitAsync(ct);
        await Task.WhenAll(Runners.Select(r => r.RunAsync(ct)));
    }
}
