using System.Security.Cryptography;
using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Privacy;
using CareTracking.Testing;

namespace CareTracking.Tools.Tests;

/// <summary>
/// The master-key rotation (tools/CareTracking.MasterKey, deploy/local/rotate-master-key.sh) run as a process against
/// a real event store: every key that is not erased opens under the new master key afterwards and under the old one no
/// longer; --dry-run and a wrong --current change nothing; bad usage exits 2 before the database is contacted.
/// </summary>
public sealed class MasterKeyRotationTests : IAsyncLifetime
{
    private readonly PostgresDatabase database = new();
    private DocumentStore store = null!;
    private readonly ChildDataKeys current;
    private readonly string currentFile;

    public MasterKeyRotationTests() => current = Keys(out currentFile);

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        store = new DocumentStore(new StoreOptions(database.ConnectionString, "tests"), new EventTypeRegistry());
        await store.ApplySchemaAsync();
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await database.DisposeAsync();
    }

    private static ChildDataKeys Keys(out string file)
    {
        file = Path.Combine(Path.GetTempPath(), $"ct-master-key-{Guid.NewGuid():N}");
        File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        return ChildDataKeys.FromKeyFile(File.ReadAllText(file), out _)!;
    }

    /// <summary>Three children's keys in two authorities, the third erased: (authority, key id, key) of the two left.</summary>
    private async Task<List<(string Authority, Guid KeyId, byte[] Key)>> ChildrenWithKeysAsync()
    {
        var kept = new List<(string, Guid, byte[])>();
        foreach (var (authority, child) in new[] { ("830", "ROT-1"), ("831", "ROT-2") })
        {
            var (keyId, key) = (await current.ForSealingAsync(store, authority, child, CancellationToken.None))!.Value;
            kept.Add((authority, keyId, key));
        }
        await current.ForSealingAsync(store, "831", "ROT-3", CancellationToken.None);
        await current.EraseAsync(store, "831", "ROT-3", "test", CancellationToken.None);
        return kept;
    }

    private Task<ToolProcess.Outcome> RotateAsync(params string[] args) =>
        ToolProcess.RunAsync("CareTracking.MasterKey", [.. args, "--connection", database.ConnectionString]);

    private async Task<bool> OpensAsync(ChildDataKeys master, (string Authority, Guid KeyId, byte[] Key) child) =>
        (await master.ForOpeningAsync(store, child.Authority, [child.KeyId], CancellationToken.None)).TryGetValue(child.KeyId, out var key)
        && key.AsSpan().SequenceEqual(child.Key);

    [Fact]
    public async Task rotating_rewraps_every_key_not_erased_so_it_opens_under_the_next_master_key_and_not_the_current()
    {
        var children = await ChildrenWithKeysAsync();
        var next = Keys(out var nextFile);

        var run = await RotateAsync("--current", currentFile, "--next", nextFile);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.StartsWith("re-wrapped 2 key(s) under --next", run.Stdout);
        foreach (var child in children)
        {
            Assert.True(await OpensAsync(next, child), $"the key of authority {child.Authority} does not open under --next");
            Assert.False(await OpensAsync(current, child), $"the key of authority {child.Authority} still opens under --current");
        }
        Assert.Null(await next.ForSealingAsync(store, "831", "ROT-3", CancellationToken.None));
        // The child ids never reach the operator's terminal (or a CI log).
        Assert.DoesNotContain("ROT-", run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task a_dry_run_opens_and_wraps_every_key_and_changes_nothing()
    {
        var children = await ChildrenWithKeysAsync();
        var next = Keys(out var nextFile);

        var run = await RotateAsync("--current", currentFile, "--next", nextFile, "--dry-run");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.StartsWith("checked 2 key(s)", run.Stdout);
        foreach (var child in children)
        {
            Assert.True(await OpensAsync(current, child));
            Assert.False(await OpensAsync(next, child));
        }
    }

    [Fact]
    public async Task a_current_key_the_keys_were_not_wrapped_with_exits_1_and_changes_nothing()
    {
        var children = await ChildrenWithKeysAsync();
        Keys(out var wrongFile);
        var next = Keys(out var nextFile);

        var run = await RotateAsync("--current", wrongFile, "--next", nextFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not open under --current", run.Stderr);
        Assert.Contains("nothing changed", run.Stderr);
        foreach (var child in children)
        {
            Assert.True(await OpensAsync(current, child));
            Assert.False(await OpensAsync(next, child));
        }
        Assert.Equal(1L, await ScalarAsync("select count(*) from pg_class where relname = 'ct_child_keys' and relforcerowsecurity"));
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var conn = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync();
    }

    [Theory]
    [InlineData("missing", "--current '{0}' does not exist.")]
    [InlineData("not base64", "--current '{0}' must hold base64 (for example from `openssl rand -base64 32`).")]
    [InlineData("c2hvcnQ=", "--current '{0}' must hold exactly 32 bytes.")]
    [InlineData("same", "--next holds the same key as --current.")]
    [InlineData("no next", "--next is missing.")]
    public async Task bad_usage_exits_2_in_one_line_naming_the_option_and_never_contacts_the_database(string currentText, string error)
    {
        await using var database = new ConnectionCounter();
        var file = Path.Combine(Path.GetTempPath(), $"ct-master-key-{Guid.NewGuid():N}");
        if (currentText is not "missing") File.WriteAllText(file, currentText is "same" or "no next" ? File.ReadAllText(currentFile) : currentText);
        string[] next = currentText switch { "no next" => [], "same" => ["--next", currentFile], _ => ["--next", currentFile] };

        var run = await ToolProcess.RunAsync("CareTracking.MasterKey",
            ["--current", file, .. next, "--connection", $"Host=127.0.0.1;Port={database.Port};Username=postgres;Password=x;Database=caretracking"]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"rotate-master-key: {string.Format(error, file)}\n", run.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal(0, database.Connections);
    }

    [Fact]
    public async Task help_lists_every_option_and_the_exit_codes()
    {
        var help = await ToolProcess.RunAsync("CareTracking.MasterKey", ["--help"]);
        Assert.Equal(0, help.ExitCode);
        foreach (var text in new[] { "--current", "--next", "--connection", "--schema", "--dry-run", "Exit codes: 0 rotated" })
            Assert.Contains(text, help.Stdout);
    }
}
