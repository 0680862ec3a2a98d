using System.Text.Json.Nodes;
using CareTracking.EventStore;
using CareTracking.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareTracking.EventStore.Tests;

[EventType("test.thing-happened", 2)]
public sealed record ThingHappened(string What, int Count);

[EventType("test.thing-noted", 1)]
public sealed record ThingNoted(string Note);

[EventType("test.thing-seen", 1)]
public sealed record ThingSeen(string Where, string? By);

/// <summary>A fresh database with the event store schema applied, per test class.</summary>
public sealed class StoreDatabase : PostgresDatabase
{
    public DocumentStore Store { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Store = NewStore();
        await Store.ApplySchemaAsync();
    }

    public DocumentStore NewStore(string source = "tests") => new(new StoreOptions(ConnectionString, source), Registry());

    public static EventTypeRegistry Registry() =>
        new EventTypeRegistry()
            .RegisterAssembly(typeof(ThingHappened).Assembly)
            // v1 had "thing" and no count; v2 renamed it to "what" and added "count".
            .Upcast("test.thing-happened.v1", "test.thing-happened.v2", old => new JsonObject
            {
                ["what"] = old["thing"]?.GetValue<string>(),
                ["count"] = 1,
            });

    public override async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await base.DisposeAsync();
    }
}

public static class Logs
{
    public static readonly NullLogger Null = NullLogger.Instance;
}
