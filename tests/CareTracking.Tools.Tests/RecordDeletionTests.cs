using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Placements.Children;
using CareTracking.Reviews.Children;
using CareTracking.ServiceDefaults.Privacy;
using CareTracking.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace CareTracking.Tools.Tests;

/// <summary>
/// The deletion of a record entered in error (tools/CareTracking.RecordDeletion, deploy/local/delete-child-record.sh),
/// run as a process on a real store as its owner: the child's every stream in the authority goes, with Indicators' copy
/// (its count moved with it), the key is erased and the decision audited; the same child id in another authority and
/// another child stay whole; a second run, a dry run and an unknown id change nothing; no service role can delete.
/// </summary>
public sealed class RecordDeletionTests : IAsyncLifetime
{
    private readonly IDisposable background = WorkerConnections.Grant("test: RecordDeletionTests");
    private readonly ServicesStore services = new();
    private DocumentStore store => services.Store;
    private readonly ChildDataKeys keys = ChildDataKeys.Read(new ConfigurationBuilder().Build(), "Development");

    public Task InitializeAsync() => services.InitializeAsync();

    public async Task DisposeAsync()
    {
        background.Dispose();
        await services.DisposeAsync();
    }

    private Task AppendAsync(string authority, string stream, params object[] events) => services.AppendAsync(authority, stream, events);

    /// <summary>A child's record across services: Placements' stream (an entry to care with sealed text, so a key), a
    /// review cancelled, and a missing episode whose report names the child; copied to ind_events as Indicators does.</summary>
    private async Task RecordAsync(string authority, string child)
    {
        var key = await keys.ForSealingAsync(store, authority, child, CancellationToken.None);
        var entered = new ChildEnteredCare(new DateOnly(2024, 3, 1), "C2", "N1",
            new Placement("U1", "PR0001", Sealing.SealOne(authority, key, "DE22 3XY"), "SC000123", "831", 3.5m), Sealing.SealOne(authority, key, "DE1 1AA"),
            new ChildDetails("1", new DateOnly(2012, 6, 1), "WBRI", false));
        await AppendAsync(authority, child, entered, new EventRetracted(new DateOnly(2024, 4, 1), Guid.NewGuid(), Sealing.SealOne(authority, key, "Entered in error")));
        await AppendAsync(authority, $"reviews:{child}", new ReviewCancelled(new DateOnly(2024, 4, 2), Sealing.SealOne(authority, key, "Held twice")));
        var episode = Guid.NewGuid();
        await AppendAsync(authority, $"episode:{episode}",
            new MissingEpisodeReported(episode, authority, child, "M", DateTimeOffset.UtcNow.AddHours(-3), DateTimeOffset.UtcNow.AddHours(-2), "medium", "medium",
                Sealing.SealOne(authority, key, "Seen at the station"), new ExploitationRisk(true, false), "DY-0042", false));
        await services.ProjectAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql, string? connection = null)
    {
        await using var conn = new NpgsqlConnection(connection ?? services.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Events per authority and child, as the owner sees them: Placements' and prefixed streams, and episodes by their report.</summary>
    private Task<long> EventsOfAsync(string authority, string child) => ScalarAsync<long>(
        $"""
        select count(*) from eventstore.mt_events e where e.tenant_id = '{authority}' and (e.stream_id in ('{child}', 'reviews:{child}')
            or e.stream_id in (select stream_id from eventstore.mt_events where tenant_id = '{authority}' and data->>'childId' = '{child}'))
        """);

    private Task<long> CopiesOfAsync(string authority, string child) =>
        ScalarAsync<long>($"select count(*) from eventstore.ind_events where authority = '{authority}' and child_id = '{child}'");

    private Task<ToolProcess.Outcome> DeleteAsync(params string[] args) =>
        ToolProcess.RunAsync("CareTracking.RecordDeletion", [.. args, "--connection", services.ConnectionString]);

    private static readonly string[] Decision = ["--authority", "831", "--child", "RD-1", "--reason", "entered-in-error", "--decided-by", "DPO Jo Example"];

    [Fact]
    public async Task deletes_every_stream_of_the_child_in_its_authority_erases_the_key_and_audits_the_decision()
    {
        await RecordAsync("831", "RD-1");
        await RecordAsync("831", "RD-2");
        await RecordAsync("855", "RD-1");
        Assert.Equal(4, await EventsOfAsync("831", "RD-1"));
        Assert.Equal(4, await CopiesOfAsync("831", "RD-1"));

        var run = await DeleteAsync(Decision);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("deleted 4 event(s) of the child given (episodes 1, placements 2, reviews 1)", run.Stdout);
        Assert.DoesNotContain("RD-1", run.Stdout + run.Stderr);
        Assert.Equal(0, await EventsOfAsync("831", "RD-1"));
        Assert.Equal(0, await ScalarAsync<long>(
            "select count(*) from eventstore.mt_streams where tenant_id = '831' and (id in ('RD-1', 'reviews:RD-1') or id like 'episode:%' and id not in (select stream_id from eventstore.mt_events))"));
        Assert.Equal(0, await CopiesOfAsync("831", "RD-1"));
        // Indicators' count follows its rows, so its cached histories of 831 are read again.
        Assert.Equal(await ScalarAsync<long>("select count(*) from eventstore.ind_events where authority = '831'"),
            await ScalarAsync<long>("select events from eventstore.ind_authorities where authority = '831'"));
        Assert.Equal("DPO Jo Example", await ScalarAsync<string>("select erased_by from eventstore.ct_child_keys where authority = '831' and child_id = 'RD-1' and wrapped_key is null"));
        Assert.Equal("DPO Jo Example", await ScalarAsync<string>(
            "select end_user from eventstore.ct_child_read_audit where authority = '831' and child_id = 'RD-1' and what = 'record-deletion:entered-in-error' and client = 'delete-child-record'"));
        // The other child of 831, and the same id in 855, are whole.
        Assert.Equal(4, await EventsOfAsync("831", "RD-2"));
        Assert.Equal(4, await EventsOfAsync("855", "RD-1"));
        Assert.Equal(4, await CopiesOfAsync("855", "RD-1"));
        Assert.Equal(1, await ScalarAsync<long>("select count(*) from eventstore.ct_child_keys where wrapped_key is null"));

        var again = await DeleteAsync(Decision);
        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.Contains("nothing left to delete", again.Stdout);
        Assert.Equal(4, await EventsOfAsync("831", "RD-2"));
    }

    [Fact]
    public async Task a_dry_run_counts_and_changes_nothing_but_is_audited_and_an_unknown_child_changes_nothing()
    {
        await RecordAsync("831", "RD-1");
        var events = await ScalarAsync<long>("select count(*) from eventstore.mt_events");

        var dry = await DeleteAsync([.. Decision, "--dry-run"]);

        Assert.True(dry.ExitCode == 0, dry.Stdout + dry.Stderr);
        Assert.Contains("dry run: authority 831: would delete 4 event(s) of the child given", dry.Stdout);
        Assert.Equal(events, await ScalarAsync<long>("select count(*) from eventstore.mt_events"));
        Assert.Equal(4, await CopiesOfAsync("831", "RD-1"));
        Assert.Equal(0, await ScalarAsync<long>("select count(*) from eventstore.ct_child_keys where wrapped_key is null"));
        Assert.Equal(1, await ScalarAsync<long>("select count(*) from eventstore.ct_child_read_audit where what = 'record-deletion-dry-run:entered-in-error'"));
        Assert.Equal(0, await ScalarAsync<long>("select count(*) from eventstore.ct_child_read_audit where what = 'record-deletion:entered-in-error'"));

        var unknown = await DeleteAsync("--authority", "831", "--child", "RD-9", "--reason", "ordered", "--decided-by", "DPO Jo Example");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("holds no record of the child given", unknown.Stderr);
        // No key row is made for a mistyped id.
        Assert.Equal(0, await ScalarAsync<long>("select count(*) from eventstore.ct_child_keys where child_id = 'RD-9'"));
        Assert.Equal(events, await ScalarAsync<long>("select count(*) from eventstore.mt_events"));
    }

    [Fact]
    public async Task no_service_role_may_delete_a_record_even_with_the_key_erased()
    {
        await RecordAsync("831", "RD-1");
        await keys.EraseAsync(store, "831", "RD-1", "test", CancellationToken.None);
        foreach (var role in new[] { await TestStack.AsAppRoleAsync(services.ConnectionString), await TestStack.AsWorkerRoleAsync(services.ConnectionString) })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() =>
                ScalarAsync<long>("select set_config('ct.authority', '831', false); select eventstore.ct_delete_child_record('RD-1')", role));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
        Assert.Equal(4, await EventsOfAsync("831", "RD-1"));
    }

    [Theory]
    [InlineData("--reason", "typo", "--reason 'typo' is not one of entered-in-error, ordered.")]
    [InlineData("--child", "RD 1;drop", "--child is not a child id")]
    [InlineData("--authority", "83", "--authority '83' is not a three-digit LA code.")]
    [InlineData("--decided-by", " ", "--decided-by must name a person")]
    public async Task bad_usage_exits_2_naming_the_option_before_contacting_the_database(string option, string value, string message)
    {
        var args = Decision.ToList();
        args[args.IndexOf(option) + 1] = value;
        var run = await ToolProcess.RunAsync("CareTracking.RecordDeletion", [.. args, "--connection", "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=none"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.DoesNotContain("RD 1", run.Stderr);

        var missing = await ToolProcess.RunAsync("CareTracking.RecordDeletion", ["--authority", "831", "--child", "RD-1", "--decided-by", "x", "--connection", "Host=127.0.0.1;Port=1;Database=none"]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--reason is missing.", missing.Stderr);
    }
}
