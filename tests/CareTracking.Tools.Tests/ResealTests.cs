using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareTracking.EventStore;
using CareTracking.Indicators.Committee;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Placements.Children;
using CareTracking.Placements.Children.ChangingHeader;
using CareTracking.Reviews.Children;
using CareTracking.ServiceDefaults.Privacy;
using CareTracking.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace CareTracking.Tools.Tests;

/// <summary>
/// The re-sealing job (tools/CareTracking.Reseal, deploy/local/reseal-personal-text.sh) run as a process against a real
/// event store holding events stored before sealing began (appended with their personal text in plain, as the services
/// did then) and Indicators' copy of them: afterwards no plain value is left in mt_events or ind_events, each is sealed
/// (erased for a child erased before), nothing else in an event changed, the strict readers read them and open the
/// text, and erasure reaches it; a second run and a dry run change nothing; --authority leaves the others alone; a
/// killed run re-run finishes the work.
/// </summary>
public sealed class ResealTests : IAsyncLifetime
{
    /// <summary>These tests run Indicators' projection themselves (background work), so they are granted its
    /// connections (<see cref="WorkerConnections"/>), as the services' background services are.</summary>
    private readonly IDisposable background = WorkerConnections.Grant("test: ResealTests");
    private readonly ServicesStore services = new();
    private DocumentStore store => services.Store;
    private DocumentStore indicators => services.Indicators;
    private readonly ChildDataKeys keys = ChildDataKeys.Read(new ConfigurationBuilder().Build(), "Development");

    private const string Home = "DE1 1AA", Placed = "DE22 3XY", Upn = "A123456789012", NewUpn = "B987654321098";
    private const string Retraction = "Entered in error by Sam Plainname", Risk = "Seen with Harold Plaintext at the station";
    private const string Lowered = "Aunt Janet Sample says he is safe", Reviewer = "Inspector Alana Testperson", Cancelled = "Held twice by Rowan Plainsby";
    private static readonly string[] Plain = [Home, Placed, Upn, NewUpn, Retraction, Risk, Lowered, Reviewer, Cancelled];
    private readonly Guid episode = Guid.NewGuid();

    public Task InitializeAsync() => services.InitializeAsync();

    public Task DisposeAsync() => services.DisposeAsync();

    private static ChildEnteredCare Entered(string? home, string placed, string? upn) =>
        new(new DateOnly(2024, 3, 1), "C2", "N1", new Placement("U1", "PR0001", placed, "SC000123", "831", 3.5m), home,
            new ChildDetails("1", new DateOnly(2012, 6, 1), "WBRI", false, upn));

    private Task AppendAsync(string authority, string stream, params object[] events) => services.AppendAsync(authority, stream, events);

    /// <summary>Events as the services stored them before sealing: a child's entry to care (home and placement
    /// postcode, UPN), a header change and a retraction; a missing episode's report and risk change (reason, reviewer);
    /// a review cancelled; one entry with no home postcode (null stays null) and one value sealed already. Then the
    /// projection copies them to ind_events, as Indicators did.</summary>
    private async Task StoreBeforeSealingAsync(string authority, string child)
    {
        var sealedAlready = Sealing.SealOne(authority, await keys.ForSealingAsync(store, authority, child, CancellationToken.None), "Sealed when posted");
        await AppendAsync(authority, child, Entered(Home, Placed, Upn), new ChildHeaderChanged(new DateOnly(2024, 4, 1), NewUpn, null, null),
            new EventRetracted(new DateOnly(2024, 4, 1), Guid.NewGuid(), Retraction), Entered(null, "DE1 2BB", null) with { Date = new DateOnly(2024, 5, 1) },
            new EventRetracted(new DateOnly(2024, 5, 1), Guid.NewGuid(), sealedAlready));
        await AppendAsync(authority, $"episode:{episode}",
            new MissingEpisodeReported(episode, authority, child, "M", DateTimeOffset.UtcNow.AddHours(-3), DateTimeOffset.UtcNow.AddHours(-2), "medium", "medium",
                Risk, new ExploitationRisk(true, false), "DY-0042", false),
            new RiskLevelChanged(episode, DateTimeOffset.UtcNow.AddHours(-1), "medium", "high", Lowered, Reviewer));
        await AppendAsync(authority, $"reviews:{child}", new ReviewCancelled(new DateOnly(2024, 4, 2), Cancelled));
        await ProjectAsync();
    }

    private Task ProjectAsync() => services.ProjectAsync();

    private Task<ToolProcess.Outcome> ResealAsync(params string[] args) =>
        ToolProcess.RunAsync("CareTracking.Reseal", [.. args, "--development-key", "--connection", services.ConnectionString]);

    private async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> row)
    {
        await using var conn = new NpgsqlConnection(services.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await r.ReadAsync()) rows.Add(row(r));
        return rows;
    }

    /// <summary>Every event as stored, every column, the data as text; and Indicators' copy of each.</summary>
    private Task<List<string[]>> EventsAsync() => RowsAsync(
        "select seq_id::text, id::text, stream_id, version::text, type, timestamp::text, tenant_id, coalesce(headers::text, ''), tx_id::text, "
        + "coalesce(correlation_id, ''), coalesce(causation_id, ''), data::text from eventstore.mt_events order by seq_id",
        r => Enumerable.Range(0, 12).Select(r.GetString).ToArray());

    private Task<List<string[]>> CopiesAsync() => RowsAsync(
        "select authority, seq_id::text, data::text from eventstore.ind_events order by seq_id", r => new[] { r.GetString(0), r.GetString(1), r.GetString(2) });

    private static readonly Dictionary<string, string[][]> PersonalPaths = new()
    {
        ["placements.child-entered-care.v1"] = [["homePostcode"], ["placement", "postcode"], ["child", "upn"]],
        ["placements.child-header-changed.v1"] = [["upn"]],
        ["placements.event-retracted.v1"] = [["reason"]],
        ["missing.missing-episode-reported.v1"] = [["riskReason"]],
        ["missing.risk-level-changed.v1"] = [["reason"], ["reviewedBy"]],
        ["reviews.review-cancelled.v1"] = [["reason"]],
    };

    private static IEnumerable<string?> PersonalValues(string type, string data) =>
        PersonalPaths.GetValueOrDefault(type, []).Select(path => path.Aggregate(JsonNode.Parse(data), (n, name) => n?[name])?.GetValue<string>());

    private static JsonNode WithoutPersonal(string type, string data)
    {
        var node = JsonNode.Parse(data)!;
        foreach (var path in PersonalPaths.GetValueOrDefault(type, []))
            path[..^1].Aggregate(node, (n, name) => n[name]!).AsObject().Remove(path[^1]);
        return node;
    }

    [Fact]
    public async Task resealing_seals_every_plain_value_in_the_events_and_indicators_copy_and_changes_nothing_else()
    {
        await StoreBeforeSealingAsync("831", "RS-1");
        await StoreBeforeSealingAsync("832", "RS-2");
        await keys.EraseAsync(store, "832", "RS-2", "test", CancellationToken.None);
        var before = await EventsAsync();
        Assert.Contains(before, e => Plain.Any(e[11].Contains));
        Assert.Contains(await CopiesAsync(), c => Plain.Any(c[2].Contains));

        var run = await ResealAsync();

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        // 7 events with 10 plain values per authority (the retraction sealed when posted and the null postcode are not).
        Assert.Matches(@"re-sealed 20 value\(s\) in 14 event\(s\) and 14 ind_events row\(s\)", run.Stdout);
        Assert.Matches(@"831\s+placements\.child-entered-care\.v1\s+2\s+4\s+2", run.Stdout);
        // Counts only: no child id and no value reaches the operator's terminal.
        Assert.DoesNotContain("RS-", run.Stdout + run.Stderr);
        foreach (var text in Plain) Assert.DoesNotContain(text, run.Stdout + run.Stderr);

        var after = await EventsAsync();
        Assert.Equal(before.Count, after.Count);
        foreach (var (old, now) in before.Zip(after))
        {
            // Id, position, stream, version, type, instant, authority, headers, transaction and metadata are kept...
            Assert.Equal(old[..11], now[..11]);
            // ...and of the data, everything but the personal text.
            Assert.True(JsonNode.DeepEquals(WithoutPersonal(old[4], old[11]), WithoutPersonal(now[4], now[11])), $"{now[4]} changed beyond its personal text");
            foreach (var value in PersonalValues(now[4], now[11]).OfType<string>())
                if (now[6] == "831") Assert.StartsWith("ct-sealed:v1:", value);
                else Assert.True(value is SealedText.ErasedMarker || value.StartsWith("ct-sealed:v1:", StringComparison.Ordinal), value); // sealed before the erasure
        }
        Assert.DoesNotContain(after, e => Plain.Any(e[11].Contains));
        Assert.Contains(after, e => e[6] == "832" && e[11].Contains(SealedText.ErasedMarker, StringComparison.Ordinal));
        Assert.Contains(after, e => e[4] == "placements.child-entered-care.v1" && JsonNode.Parse(e[11])!["homePostcode"] is null);
        // Indicators' copy is the event as stored now, as its projection would copy it.
        var copies = await CopiesAsync();
        Assert.DoesNotContain(copies, c => Plain.Any(c[2].Contains));
        Assert.Equal(after.Select(e => (e[6], e[0], JsonNode.Parse(e[11])!.ToJsonString())), copies.Select(c => (c[0], c[1], JsonNode.Parse(c[2])!.ToJsonString())));

        // The services' strict readers read the rewritten events, and open the text; the subject-access export's
        // opening (stored JSON) and Indicators' read of its copy show it too.
        Assert.Equal(Plain, await OpenedAsync("831", "RS-1"));
        var export = await ExportAsync("831", "RS-1");
        foreach (var text in Plain) Assert.Contains(text, export);
        var projected = JsonSerializer.Serialize((await new ProjectedEvents(indicators, keys).LoadAsync("831", CancellationToken.None)).Select(e => e.Data));
        foreach (var text in new[] { Home, Placed, NewUpn }) Assert.Contains(text, projected);

        // Erasure now reaches it.
        await keys.EraseAsync(store, "831", "RS-1", "test", CancellationToken.None);
        Assert.All(await OpenedAsync("831", "RS-1"), text => Assert.Equal(SealedText.Erased, text));
        export = await ExportAsync("831", "RS-1");
        foreach (var text in Plain) Assert.DoesNotContain(text, export);
        projected = JsonSerializer.Serialize((await new ProjectedEvents(indicators, keys).LoadAsync("831", CancellationToken.None)).Select(e => e.Data));
        foreach (var text in Plain) Assert.DoesNotContain(text, projected);
    }

    /// <summary>The personal text of the child's streams as the services read it: strictly (a stored event that does
    /// not read as its type throws), then opened as their commands and reads open it, in the order of <see cref="Plain"/>.</summary>
    private async Task<List<string?>> OpenedAsync(string authority, string child)
    {
        var session = store.LightweightSession(authority);
        var read = new List<StoredEvent>();
        foreach (var stream in new[] { child, $"episode:{episode}", $"reviews:{child}" })
            read.AddRange(await Sealing.OpenAsync(keys, store, authority, await session.Events.FetchStreamAsync(stream), CancellationToken.None));
        var entered = read.Select(e => e.Data).OfType<ChildEnteredCare>().First();
        var reported = read.Select(e => e.Data).OfType<MissingEpisodeReported>().Single();
        var changed = read.Select(e => e.Data).OfType<RiskLevelChanged>().Single();
        return [entered.HomePostcode, entered.Placement.Postcode, entered.Child.Upn, read.Select(e => e.Data).OfType<ChildHeaderChanged>().Single().Upn,
            read.Select(e => e.Data).OfType<EventRetracted>().First().Reason, reported.RiskReason, changed.Reason, changed.ReviewedBy,
            read.Select(e => e.Data).OfType<ReviewCancelled>().Single().Reason];
    }

    /// <summary>The child's events as the subject-access export gives them: as stored, opened (<see cref="Sealing.OpenJsonAsync"/>).</summary>
    private async Task<string> ExportAsync(string authority, string child)
    {
        var nodes = (await RowsAsync(
            $"select data::text from eventstore.mt_events where tenant_id = '{authority}' and stream_id in ('{child}', 'episode:{episode}', 'reviews:{child}') order by seq_id",
            r => r.GetString(0))).Select(d => JsonNode.Parse(d)).ToList();
        await Sealing.OpenJsonAsync(keys, store, authority, nodes, CancellationToken.None);
        return string.Join("\n", nodes.Select(n => n!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
    }

    [Fact]
    public async Task a_second_run_changes_nothing_and_says_so_and_a_dry_run_counts_and_changes_nothing()
    {
        await StoreBeforeSealingAsync("831", "RS-1");
        var stored = await EventsAsync();
        var keyRows = await RowsAsync("select count(*) from eventstore.ct_child_keys", r => r.GetInt64(0));

        var dry = await ResealAsync("--dry-run");

        Assert.True(dry.ExitCode == 0, dry.Stdout + dry.Stderr);
        Assert.Matches(@"831\s+missing\.risk-level-changed\.v1\s+1\s+2\s+1", dry.Stdout);
        Assert.Matches(@"831\s+placements\.child-entered-care\.v1\s+2\s+4\s+2", dry.Stdout);
        Assert.Contains("dry run: nothing changed, no key made", dry.Stdout);
        Assert.Equal(stored, await EventsAsync());
        Assert.Equal(keyRows, await RowsAsync("select count(*) from eventstore.ct_child_keys", r => r.GetInt64(0)));

        var first = await ResealAsync();
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        var resealed = await EventsAsync();
        var copies = await CopiesAsync();

        var second = await ResealAsync();

        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Contains("nothing to re-seal", second.Stdout);
        Assert.Equal(resealed, await EventsAsync());
        Assert.Equal(copies, await CopiesAsync());
    }

    [Fact]
    public async Task one_authority_is_resealed_and_the_others_rows_are_untouched()
    {
        await StoreBeforeSealingAsync("831", "RS-1");
        await StoreBeforeSealingAsync("855", "RS-3");
        var before = await EventsAsync();
        var copiesBefore = await CopiesAsync();

        var run = await ResealAsync("--authority", "831");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.DoesNotContain("855", run.Stdout);
        var after = await EventsAsync();
        Assert.Equal(before.Where(e => e[6] == "855"), after.Where(e => e[6] == "855"));
        Assert.Equal(copiesBefore.Where(c => c[0] == "855"), (await CopiesAsync()).Where(c => c[0] == "855"));
        Assert.DoesNotContain(after.Where(e => e[6] == "831"), e => Plain.Any(e[11].Contains));
    }

    [Fact]
    public async Task a_run_killed_part_way_leaves_each_event_whole_and_a_second_run_finishes()
    {
        const int changes = 1500;
        await AppendAsync("831", "RS-9", [.. Enumerable.Range(0, changes).Select(i => new ChildHeaderChanged(new DateOnly(2024, 4, 1), $"UPN-PLAIN-{i:D5}", null, null))]);
        await ProjectAsync();
        const string plainRows = "select count(*) from eventstore.mt_events where data->>'upn' like 'UPN-PLAIN-%'";

        // One event a transaction, so the run is still going when it is killed.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "CareTracking.Reseal.dll"), "--batch-size", "1", "--development-key", "--connection", services.ConnectionString })
            start.ArgumentList.Add(arg);
        using (var process = Process.Start(start)!)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await RowsAsync(plainRows, r => r.GetInt64(0)))[0] > changes - 20 && DateTime.UtcNow < deadline && !process.HasExited)
                await Task.Delay(20);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var left = (await RowsAsync(plainRows, r => r.GetInt64(0)))[0];
        Assert.InRange(left, 1, changes - 20);
        // Every event is whole: sealed in mt_events and in its copy together, or in neither.
        var copies = (await CopiesAsync()).ToDictionary(c => c[1], c => JsonNode.Parse(c[2])!.ToJsonString());
        Assert.All(await EventsAsync(), e => Assert.Equal(JsonNode.Parse(e[11])!.ToJsonString(), copies[e[0]]));

        var rerun = await ResealAsync();

        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        Assert.Contains($"re-sealed {left:N0} value(s) in {left:N0} event(s)", rerun.Stdout);
        Assert.Equal(0, (await RowsAsync(plainRows, r => r.GetInt64(0)))[0]);
        var read = await Sealing.OpenAsync(keys, store, "831", await store.LightweightSession("831").Events.FetchStreamAsync("RS-9"), CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, changes).Select(i => $"UPN-PLAIN-{i:D5}"), read.Select(e => ((ChildHeaderChanged)e.Data).Upn));
    }

    [Theory]
    [InlineData(new string[0], "reseal-personal-text: --master-key is missing (or --development-key on the local stack).")]
    [InlineData(new[] { "--development-key", "--authority", "83" }, "reseal-personal-text: --authority '83' is not a three-digit LA code.")]
    [InlineData(new[] { "--development-key", "--batch-size", "0" }, "reseal-personal-text: --batch-size '0' is not a positive whole number.")]
    public async Task bad_usage_exits_2_in_one_line_naming_the_option_and_never_contacts_the_database(string[] args, string error)
    {
        await using var counter = new ConnectionCounter();
        var run = await ToolProcess.RunAsync("CareTracking.Reseal",
            [.. args, "--connection", $"Host=127.0.0.1;Port={counter.Port};Username=postgres;Password=x;Database=caretracking"]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(error + "\n", run.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal(0, counter.Connections);
    }
}
