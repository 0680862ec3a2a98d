using System.Data.Common;
using System.Text.RegularExpressions;
using JasperFx.Events;
using Marten;
using Marten.Internal;
using Marten.Services;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Storage;
using IStorageOperation = Marten.Internal.Operations.IStorageOperation;

namespace CareTracking.EventStore;

public sealed partial class EventSession
{
    /// <summary>
    /// The save through Marten's lightweight session for the authority (Marten's tenant): each stream by
    /// <c>session.Events.StartStream</c> or <c>Append</c> with its expected version. Marten puts event operations
    /// first in its batch, in the order they are queued, and queues its own when SaveChanges processes the streams:
    /// so the authority scope and each stream's guard (<c>ct_append_guard</c>: the stream lock, event ids and
    /// version), queued first as event operations, run before Marten writes anything, then the outbox, inbox and
    /// extra rows, then Marten's inserts. A refusal raises inside PostgreSQL and the transaction rolls back. A stream whose ids
    /// are all stored already (a retry) raises too (CT003): the save then runs again without it, and answers it as
    /// the first post did, with nothing written for it. Without a caller's transaction the session runs on one we
    /// begin (Npgsql sends BEGIN with the batch) and COMMIT is the batch's last statement: one round trip.
    /// </summary>
    private async Task<IReadOnlyList<AppendResult>> SaveThroughMartenAsync(NpgsqlTransaction? tx, CancellationToken ct)
    {
        var stored = new Dictionary<int, long>(); // append index -> version, for the retries found so far
        while (true)
        {
            written.Clear();
            // Commit in the batch: our own connection and transaction, which the batch's last statement commits.
            var commitInBatch = tx is null;
            await using var ownConn = commitInBatch ? await Store.DataSource.OpenConnectionAsync(ct) : null;
            await using var ownTx = ownConn is null ? null : await ownConn.BeginTransactionAsync(ct);
            var options = SessionOptions.ForTransaction((tx ?? ownTx)!);
            options.TenantId = Authority;
            await using var session = Store.Marten.LightweightSession(options);
            if (commitInBatch) session.QueueOperation(new CommitOperation());
            session.CorrelationId = context.CorrelationId;
            session.CausationId = context.CausationId;
            session.QueueOperation(new ScopeOperation(Authority));
            var actions = new StreamAction?[appends.Count];
            for (var i = 0; i < appends.Count; i++)
            {
                if (stored.ContainsKey(i)) continue;
                session.QueueOperation(new GuardOperation(Store.Schema, Authority, appends[i], context.RequestHash, i));
            }
            for (var i = 0; i < appends.Count; i++)
            {
                if (stored.ContainsKey(i)) continue;
                var append = appends[i];
                var events = append.Events.Select(e => MartenEvent(session, e)).Cast<object>().ToArray();
                var action = append.ExpectedVersion switch
                {
                    0 => session.Events.StartStream(append.StreamId, events),
                    null => session.Events.Append(append.StreamId, events),
                    // Marten's expected version is the one after the append.
                    { } expected => session.Events.Append(append.StreamId, expected + events.Length, events),
                };
                SetStreamType(action, append.StreamType);
                actions[i] = action;
            }
            foreach (var message in outbox)
                session.QueueOperation(new WriteOperation(OutboxCommand(Store.Schema, message)));
            foreach (var (consumer, messageId) in inbox)
                session.QueueOperation(new WriteOperation($"insert into {Store.Schema}.ct_inbox (consumer, message_id) values (@c, @m)", p =>
                {
                    p.AddWithValue("c", consumer);
                    p.AddWithValue("m", messageId);
                }));
            foreach (var (sql, bind) in extraSql)
                session.QueueOperation(new WriteOperation(sql, bind));

            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception e) when (ct.IsCancellationRequested && e is not OperationCanceledException)
            {
                // The caller's token ended the save (the request's budget ran out, or the host is stopping): say so, as
                // Npgsql itself does, so the budget reads it as its timeout (503), not as the statement's "canceled" error.
                throw new OperationCanceledException("The save was cancelled.", e, ct);
            }
            catch (Exception e) when (Postgres(e) is { SqlState: StoredSqlState } pg)
            {
                var (index, version) = Numbers(pg.MessageText);
                stored[(int)index] = version;
                continue;
            }
            catch (Exception e) when (Postgres(e) is { SqlState: ConcurrencySqlState } pg)
            {
                var (index, actual) = Numbers(pg.MessageText);
                var append = appends[(int)index];
                throw new ConcurrencyException(Authority, append.StreamId, append.ExpectedVersion, actual);
            }
            catch (Exception e) when (Postgres(e) is { SqlState: ReusedSqlState } pg)
            {
                var (index, micros) = Numbers(pg.MessageText);
                throw new EventIdReusedException(appends[(int)index].StreamId, DateTimeOffset.UnixEpoch.AddTicks(micros * 10));
            }
            catch (Exception e) when (Postgres(e) is { SqlState: PostgresErrorCodes.UniqueViolation } pg && pg.ConstraintName == "mt_events_tenant_event_id")
            {
                // The guard looked first, but a racing save for another stream used the id meanwhile.
                throw new EventIdReusedException(appends[0].StreamId);
            }
            catch (Exception e) when (Postgres(e) is { SqlState: PostgresErrorCodes.UniqueViolation } pg && pg.TableName == "ct_outbox")
            {
                throw new MessageIdConflictException(Authority);
            }
            catch (Exception e) when (e is not NpgsqlException and not OperationCanceledException && Npgsql(e) is { } npgsql)
            {
                // Marten wraps what Npgsql raised (MartenCommandException): callers see Npgsql's own, as they look for it
                // (a concurrent delivery's unique violation on ct_inbox; a character PostgreSQL cannot store).
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(npgsql);
            }

            var results = new List<AppendResult>(appends.Count);
            for (var i = 0; i < appends.Count; i++)
            {
                if (stored.TryGetValue(i, out var version))
                {
                    results.Add(new AppendResult(appends[i].StreamId, version, WasDuplicate: true));
                    continue;
                }
                results.Add(new AppendResult(appends[i].StreamId, actions[i]!.Version, WasDuplicate: false));
                written.Add((appends[i].StreamType, appends[i].Events.Count));
            }
            return results;
        }
    }

    /// <summary>Our stream type ("child", "episode"...) is what Marten writes in <c>mt_streams.type</c>. Marten only
    /// sets it from an aggregate .NET type, and we have none: its setter is not public, so it is set by reflection
    /// (AppendTests checks the column, so a Marten upgrade that moves it fails there).</summary>
    private static readonly Action<StreamAction, string> SetStreamType =
        (typeof(StreamAction).GetProperty(nameof(StreamAction.AggregateTypeName))?.GetSetMethod(nonPublic: true)
            ?? throw new InvalidOperationException("Marten's StreamAction.AggregateTypeName has no setter."))
        .CreateDelegate<Action<StreamAction, string>>();

    /// <summary>The append as Marten's event: our id, correlation and causation, our metadata in its headers.</summary>
    private IEvent MartenEvent(IDocumentSession session, PendingEvent pending)
    {
        var e = session.Events.BuildEvent(pending.Data);
        e.Id = pending.Id;
        e.CorrelationId = context.CorrelationId;
        e.CausationId = context.CausationId;
        if (pending.EffectiveDate is { } date) e.SetHeader(MartenEvents.EffectiveDateHeader, date.ToString("yyyy-MM-dd"));
        if (context.ActingClient is { } client) e.SetHeader(MartenEvents.ActingClientHeader, client);
        if (context.RequestHash is { } hash) e.SetHeader(MartenEvents.RequestHashHeader, hash);
        return e;
    }

    /// <summary>Raised by <c>ct_append_guard</c>: a stale expected version; a reused event id; this append's ids
    /// are all stored already (a retry).</summary>
    private const string ConcurrencySqlState = "CT001", ReusedSqlState = "CT002", StoredSqlState = "CT003";

    private static PostgresException? Postgres(Exception? e) => e switch
    {
        null => null,
        PostgresException pg => pg,
        _ => Postgres(e.InnerException),
    };

    private static NpgsqlException? Npgsql(Exception? e) => e switch
    {
        null => null,
        NpgsqlException npgsql => npgsql,
        _ => Npgsql(e.InnerException),
    };

    /// <summary>The guard's messages end with the append's index and one number: "append 1 ... 42".</summary>
    private static (long Index, long Value) Numbers(string message)
    {
        var numbers = Regex.Matches(message, "-?[0-9]+");
        return (long.Parse(numbers[0].Value, System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(numbers[^1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A statement queued into Marten's batch as one of its event operations (so it runs before Marten's own,
    /// which are queued at SaveChanges). Our statements use named parameters; Marten's batch builder numbers them.
    /// </summary>
    private class SqlOperation(string sql, Action<NpgsqlParameterCollection> bind) : EventOperation
    {
        /// <summary>Each statement's text split around its parameters once, not at every save.</summary>
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> Templates = new();

        public override void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
        {
            var parts = Templates.GetOrAdd(sql, s => Regex.Split(s, "@([A-Za-z_][A-Za-z0-9_]*)"));
            builder.Append(parts[0]);
            if (parts.Length == 1) return;
            var named = new NpgsqlBatchCommand().Parameters;
            bind(named);
            for (var i = 1; i < parts.Length; i += 2)
            {
                var source = named[parts[i]];
                builder.AppendParameter(source.Value ?? DBNull.Value, (NpgsqlDbType?)source.NpgsqlDbType);
                builder.Append(parts[i + 1]);
            }
        }
    }

    /// <summary>An operation Marten runs with the events, ahead of its own inserts.</summary>
    private abstract class EventOperation : IStorageOperation
    {
        public virtual Type DocumentType => typeof(IEvent);

        public Weasel.Core.OperationRole Role() => Weasel.Core.OperationRole.Events;

        public abstract void ConfigureCommand(ICommandBuilder builder, IStorageSession session);

        public void Postprocess(DbDataReader reader, IList<Exception> exceptions) { }

        public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;
    }

    /// <summary>The transaction's authority scope (<see cref="AuthorityScope"/>), first in the batch.</summary>
    private sealed class ScopeOperation(string authority) : EventOperation
    {
        public override void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
        {
            builder.Append($"select set_config('{AuthorityScope.Setting}', ");
            builder.AppendParameter(authority, NpgsqlDbType.Text);
            builder.Append(", true)");
        }
    }

    /// <summary><c>ct_append_guard</c> for one stream of the save, before Marten's inserts for it.</summary>
    private sealed class GuardOperation(string schema, string authority, StreamAppend append, string? requestHash, int index) : EventOperation
    {
        public override void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
        {
            builder.Append("select ");
            builder.Append(schema);
            builder.Append(".ct_append_guard(");
            builder.AppendParameter(authority, NpgsqlDbType.Varchar);
            builder.Append(", ");
            builder.AppendParameter(append.StreamId, NpgsqlDbType.Varchar);
            builder.Append(", ");
            builder.AppendParameter((object?)append.ExpectedVersion ?? DBNull.Value, (NpgsqlDbType?)NpgsqlDbType.Bigint);
            builder.Append(", ");
            builder.AppendParameter((object?)requestHash ?? DBNull.Value, (NpgsqlDbType?)NpgsqlDbType.Varchar);
            builder.Append(", ");
            var ids = new Guid[append.Events.Count];
            for (var i = 0; i < ids.Length; i++) ids[i] = append.Events[i].Id;
            builder.AppendParameter(ids, NpgsqlDbType.Array | NpgsqlDbType.Uuid);
            builder.Append(", ");
            builder.AppendParameter(index, NpgsqlDbType.Integer);
            builder.Append(")");
        }
    }

    /// <summary>COMMIT as the batch's last statement. Not an event operation, so Marten puts it after its own.</summary>
    private sealed class CommitOperation() : SqlOperation("commit", _ => { }), NoDataReturnedCall
    {
        public override Type DocumentType => typeof(CommitOperation);
    }

    /// <summary>A statement that returns no rows: Marten's reader does not move past it (Npgsql skips it).</summary>
    private sealed class WriteOperation(string sql, Action<NpgsqlParameterCollection> bind) : SqlOperation(sql, bind), NoDataReturnedCall
    {
        public WriteOperation(NpgsqlBatchCommand command)
            : this(command.CommandText, p => { foreach (NpgsqlParameter x in command.Parameters) p.Add(x.Clone()); }) { }
    }
}
