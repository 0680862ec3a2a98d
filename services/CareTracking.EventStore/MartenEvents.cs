using System.Data.Common;
using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Marten.Services.Json.Transformations;
using Marten.Storage;
using Npgsql;
using Weasel.Core;

namespace CareTracking.EventStore;

/// <summary>
/// Marten as the event store: its <c>mt_events</c> and <c>mt_streams</c> tables, the authority as Marten's
/// (conjoined) tenant, our explicit stored names as Marten's event type names. Marten never creates or alters
/// the schema here (AutoCreate.None): Schema/003_marten_events.sql, applied by our own migration path, does, so
/// the services' restricted role needs no DDL rights.
/// </summary>
internal static class MartenEvents
{
    /// <summary>The header keys our append metadata travels under in <c>mt_events.headers</c>.</summary>
    public const string EffectiveDateHeader = "effectiveDate";
    public const string ActingClientHeader = "actingClient";
    public const string RequestHashHeader = "requestHash";

    public static IDocumentStore Build(NpgsqlDataSource dataSource, string schema, EventTypeRegistry types) =>
        Marten.DocumentStore.For(opts =>
        {
            opts.Connection(dataSource);
            opts.DatabaseSchemaName = schema;
            opts.Events.DatabaseSchemaName = schema;
            opts.AutoCreateSchemaObjects = AutoCreate.None;
            opts.Events.TenancyStyle = TenancyStyle.Conjoined;
            opts.Events.StreamIdentity = StreamIdentity.AsString;
            // Quick append: the session's append is one call of its function, mt_quick_append_events, queued after
            // our guard (the stream lock, version and event-id checks) in the same batch (EventSession.Marten.cs).
            opts.Events.AppendMode = EventAppendMode.Quick;
            opts.Events.MetadataConfig.CorrelationIdEnabled = true;
            opts.Events.MetadataConfig.CausationIdEnabled = true;
            opts.Events.MetadataConfig.HeadersEnabled = true;
            // The same JSON as every event stored before Marten (camelCase, web defaults), so old rows read back.
            opts.UseSystemTextJsonForSerialization(new System.Text.Json.JsonSerializerOptions(EventTypeRegistry.Json),
                EnumStorage.AsString, Casing.CamelCase);
            opts.DisableNpgsqlLogging = true;
            foreach (var (storedName, type) in types.Registered)
                opts.Events.MapEventType(type, storedName);
            opts.Events.Upcast(types.UpcastSources
                .Select(x => (IEventUpcaster)new RegistryUpcaster(types, x.StoredName, x.Type)).ToArray());
        });

    /// <summary>Reads an event stored under an older name through our registry's upcaster chain.</summary>
    private sealed class RegistryUpcaster(EventTypeRegistry types, string storedName, Type target) : IEventUpcaster
    {
        public string EventTypeName => storedName;
        public Type EventType => target;

        public object FromDbDataReader(Marten.ISerializer serializer, DbDataReader dbDataReader, int index) =>
            types.Deserialize(storedName, dbDataReader.GetString(index));

        public async ValueTask<object> FromDbDataReaderAsync(Marten.ISerializer serializer, DbDataReader dbDataReader, int index, CancellationToken ct) =>
            types.Deserialize(storedName, await dbDataReader.GetFieldValueAsync<string>(index, ct));
    }
}
