using System.Security.Cryptography;
using System.Text;
using CareTracking.EventStore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using NpgsqlTypes;

namespace CareTracking.ServiceDefaults.Privacy;

/// <summary>
/// The children's data keys (<c>ct_child_keys</c>, Schema/005_privacy.sql), each a random AES-256 key stored wrapped
/// (AES-256-GCM) by the master key, which only the services hold (<see cref="MasterKeyFile"/>); the wrapping is bound
/// to the row's authority, child and key id. Every query runs in a transaction scoped to the caller's authority, so
/// row-level security gives another authority's key to nobody. Erasing a child's key is the erasure of its personal
/// text: nothing can open it afterwards, in the event store or in any copy of it.
/// </summary>
public sealed class ChildDataKeys
{
    /// <summary>The path of a file holding the master key: base64 of 32 random bytes (<c>openssl rand -base64 32</c>),
    /// a mounted secret (environment variable <c>Privacy__MasterKeyFile</c>). Required outside Development and Testing;
    /// the development key, committed here, is refused there.</summary>
    public const string MasterKeyFile = "Privacy:MasterKeyFile";

    private const int KeyBytes = 32, NonceBytes = 12, TagBytes = 16;

    /// <summary>Known to everyone who has the source: Development and Testing only.</summary>
    private static readonly byte[] DevelopmentMasterKey = SHA256.HashData(Encoding.UTF8.GetBytes("CareTracking development master key; not a secret"));

    private readonly byte[] masterKey;

    private ChildDataKeys(byte[] masterKey) => this.masterKey = masterKey;

    public bool IsDevelopment => masterKey.AsSpan().SequenceEqual(DevelopmentMasterKey);

    /// <exception cref="InvalidOperationException">No usable master key where one is required; the message names the setting.</exception>
    public static ChildDataKeys Read(IConfiguration configuration, string environment)
    {
        var localOnly = environment is "Development" or "Testing";
        if (configuration[MasterKeyFile] is not { Length: > 0 } path)
            return localOnly
                ? new ChildDataKeys(DevelopmentMasterKey)
                : throw new InvalidOperationException($"CareTracking cannot start; '{MasterKeyFile}' is required outside Development and Testing: children's personal text is sealed with keys it wraps.");
        var keys = FromKeyFile(File.ReadAllText(path), out var fault)
            ?? throw new InvalidOperationException($"CareTracking cannot start; '{MasterKeyFile}' {fault}.");
        return keys.IsDevelopment && !localOnly
            ? throw new InvalidOperationException($"CareTracking cannot start; '{MasterKeyFile}' holds the development master key, which is refused outside Development and Testing.")
            : keys;
    }

    /// <summary>A master key from the text of its file (base64 of exactly 32 bytes), or null with what is wrong with
    /// it (<paramref name="fault"/>, worded to follow the file's name). Shared by the services and the rotation tool.</summary>
    public static ChildDataKeys? FromKeyFile(string text, out string? fault)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            fault = "must hold base64 (for example from `openssl rand -base64 32`)";
            return null;
        }
        fault = key.Length == KeyBytes ? null : $"must hold exactly {KeyBytes} bytes";
        return fault is null ? new ChildDataKeys(key) : null;
    }

    /// <summary>Whether both hold the same master key (a rotation to the same key changes nothing).</summary>
    public bool SameMasterKey(ChildDataKeys other) => CryptographicOperations.FixedTimeEquals(masterKey, other.masterKey);

    /// <summary>A child's key, to seal with: made on first use; null once erased (text is then stored erased). The insert
    /// and the select are separate statements so that the select, with a snapshot of its own, sees a key another post for
    /// the same child committed while the insert waited on it.</summary>
    public Task<(Guid KeyId, byte[] Key)?> ForSealingAsync(DocumentStore store, string authority, string childId, CancellationToken ct) =>
        store.ForAuthorityInOneRoundTripAsync(authority, () =>
        {
            var keyId = Guid.NewGuid();
            var insert = new NpgsqlBatchCommand(
                $"insert into {store.Schema}.ct_child_keys (authority, child_id, key_id, wrapped_key) values ($1, $2, $3, $4) on conflict (authority, child_id) do nothing");
            insert.Parameters.AddWithValue(authority);
            insert.Parameters.AddWithValue(NpgsqlDbType.Text, childId);
            insert.Parameters.AddWithValue(keyId);
            insert.Parameters.AddWithValue(Wrap(authority, childId, keyId, RandomNumberGenerator.GetBytes(KeyBytes)));
            var select = new NpgsqlBatchCommand($"select key_id, wrapped_key from {store.Schema}.ct_child_keys where authority = $1 and child_id = $2");
            select.Parameters.AddWithValue(authority);
            select.Parameters.AddWithValue(NpgsqlDbType.Text, childId);
            return [insert, select];
        }, async (r, token) =>
        {
            await r.ReadAsync(token);
            var stored = r.GetGuid(0);
            return r.IsDBNull(1) ? ((Guid, byte[])?)null : (stored, Unwrap(authority, childId, stored, r.GetFieldValue<byte[]>(1)));
        }, ct);

    /// <summary>The keys of <paramref name="keyIds"/> that this authority holds and has not erased; any other id is absent.</summary>
    public async Task<IReadOnlyDictionary<Guid, byte[]>> ForOpeningAsync(DocumentStore store, string authority, IReadOnlyCollection<Guid> keyIds, CancellationToken ct)
    {
        if (keyIds.Count == 0) return new Dictionary<Guid, byte[]>();
        return await store.ForAuthorityInOneRoundTripAsync(authority, () =>
        {
            var select = new NpgsqlBatchCommand(
                $"select key_id, child_id, wrapped_key from {store.Schema}.ct_child_keys where authority = $1 and key_id = any($2) and wrapped_key is not null");
            select.Parameters.AddWithValue(authority);
            select.Parameters.AddWithValue(keyIds.ToArray());
            return [select];
        }, async (r, token) =>
        {
            var keys = new Dictionary<Guid, byte[]>();
            while (await r.ReadAsync(token))
            {
                var keyId = r.GetGuid(0);
                try
                {
                    keys[keyId] = Unwrap(authority, r.GetString(1), keyId, r.GetFieldValue<byte[]>(2));
                }
                catch (CryptographicException)
                {
                    // Not wrapped for this row (copied from another authority or child): it opens nothing.
                }
            }
            return (IReadOnlyDictionary<Guid, byte[]>)keys;
        }, ct);
    }


    /// <summary>Destroys the child's key (or records it destroyed when the child has none yet, so later text is erased
    /// too). Returns when the key was erased: now, or earlier if it already was.</summary>
    public Task<DateTimeOffset> EraseAsync(DocumentStore store, string authority, string childId, string? erasedBy, CancellationToken ct) =>
        store.ForAuthorityAsync(authority, (conn, tx, token) => EraseAsync(conn, tx, store.Schema, authority, childId, erasedBy, token), ct);

    /// <summary><see cref="EraseAsync(DocumentStore, string, string, string?, CancellationToken)"/> in a transaction of the
    /// caller's, scoped to <paramref name="authority"/>: the deletion of a record entered in error erases the key and
    /// deletes the record in one (tools/CareTracking.RecordDeletion). Needs no master key.</summary>
    public static async Task<DateTimeOffset> EraseAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string schema, string authority, string childId,
        string? erasedBy, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            insert into {schema}.ct_child_keys as k (authority, child_id, key_id, wrapped_key, erased_at, erased_by)
            values (@a, @c, gen_random_uuid(), null, now(), @by)
            on conflict (authority, child_id) do update
                set wrapped_key = null, erased_at = coalesce(k.erased_at, excluded.erased_at), erased_by = coalesce(k.erased_by, excluded.erased_by)
            returning erased_at
            """, conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        cmd.Parameters.AddWithValue("c", NpgsqlDbType.Text, childId);
        cmd.Parameters.AddWithValue("by", NpgsqlDbType.Text, (object?)erasedBy ?? DBNull.Value);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return r.GetFieldValue<DateTimeOffset>(0);
    }

    /// <summary>
    /// Master-key rotation: re-wraps every child's key that is not erased under <paramref name="next"/>, in one
    /// transaction on the migration connection (the tables' owner: the trigger lets only the owner replace a wrapped
    /// key, and never an erased one). The children's keys themselves do not change, so no event is touched. Erased rows
    /// stay erased. A row this master key does not unwrap stops the rotation with nothing changed. Returns how many keys
    /// were re-wrapped. <paramref name="dryRun"/> does all of it and rolls back: every key opens under this master key.
    /// <paramref name="progress"/> hears the count re-wrapped so far, out of the total. Procedure: docs/security.md, "Keys".
    /// </summary>
    public async Task<int> RewrapAllAsync(string migrationConnectionString, string schema, ChildDataKeys next, CancellationToken ct,
        bool dryRun = false, IProgress<(int Done, int Total)>? progress = null)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(schema, "^[a-z_][a-z0-9_]{0,62}$"))
            throw new ArgumentException($"Schema name '{schema}' must be lower-case letters, digits and underscores.", nameof(schema));
        await using var conn = new NpgsqlConnection(migrationConnectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        async Task ExecuteAsync(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        // Forced row-level security binds the owner too; lifted for this transaction only (the DDL is transactional,
        // and its lock keeps the services' key reads waiting until the commit).
        await ExecuteAsync($"alter table {schema}.ct_child_keys no force row level security");
        var rows = new List<(string Authority, string ChildId, Guid KeyId, byte[] Wrapped)>();
        await using (var select = new NpgsqlCommand(
            $"select authority, child_id, key_id, wrapped_key from {schema}.ct_child_keys where wrapped_key is not null for update", conn, tx))
        await using (var r = await select.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                rows.Add((r.GetString(0), r.GetString(1), r.GetGuid(2), r.GetFieldValue<byte[]>(3)));
        var done = 0;
        foreach (var (authority, childId, keyId, wrapped) in rows)
        {
            var key = Unwrap(authority, childId, keyId, wrapped);
            await using var update = new NpgsqlCommand(
                $"update {schema}.ct_child_keys set wrapped_key = @w where authority = @a and child_id = @c and key_id = @k", conn, tx);
            update.Parameters.AddWithValue("w", next.Wrap(authority, childId, keyId, key));
            update.Parameters.AddWithValue("a", authority);
            update.Parameters.AddWithValue("c", NpgsqlDbType.Text, childId);
            update.Parameters.AddWithValue("k", keyId);
            await update.ExecuteNonQueryAsync(ct);
            progress?.Report((++done, rows.Count));
        }
        await ExecuteAsync($"alter table {schema}.ct_child_keys force row level security");
        if (dryRun) await tx.RollbackAsync(ct);
        else await tx.CommitAsync(ct);
        return rows.Count;
    }

    private static byte[] Bound(string authority, string childId, Guid keyId) => Encoding.UTF8.GetBytes($"ct-child-key/v1/{authority}/{keyId:N}/{childId}");

    private byte[] Wrap(string authority, string childId, Guid keyId, byte[] key)
    {
        var wrapped = new byte[NonceBytes + TagBytes + key.Length];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceBytes));
        using var aes = new AesGcm(masterKey, TagBytes);
        aes.Encrypt(wrapped.AsSpan(0, NonceBytes), key, wrapped.AsSpan(NonceBytes + TagBytes), wrapped.AsSpan(NonceBytes, TagBytes), Bound(authority, childId, keyId));
        return wrapped;
    }

    private byte[] Unwrap(string authority, string childId, Guid keyId, byte[] wrapped)
    {
        if (wrapped.Length != NonceBytes + TagBytes + KeyBytes) throw new CryptographicException("A wrapped child key has the wrong length.");
        var key = new byte[KeyBytes];
        using var aes = new AesGcm(masterKey, TagBytes);
        aes.Decrypt(wrapped.AsSpan(0, NonceBytes), wrapped.AsSpan(NonceBytes + TagBytes), wrapped.AsSpan(NonceBytes, TagBytes), key, Bound(authority, childId, keyId));
        return key;
    }
}
