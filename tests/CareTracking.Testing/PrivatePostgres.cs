using Npgsql;
using Testcontainers.PostgreSql;

namespace CareTracking.Testing;

/// <summary>
/// A PostgreSQL 15 server of its own, on a free loopback port, for fault tests that stop and restart the
/// database: stopping the shared server would disturb every other test class. Locally a cluster run as the
/// postgres user (the server refuses root) with its data under /var/tmp; under Docker a container bound to the
/// same host port across restarts. Removed on dispose.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string dir = Path.Combine("/var/tmp", $"ct-pg-fault-{Guid.NewGuid():N}");
    private PostgreSqlContainer? container;
    public int Port { get; } = FreePorts.Next();
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Password=postgres;Database=postgres;Timeout=3;Command Timeout=10";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var pg = new PrivatePostgres();
        if (await TestStack.Mode == InfraMode.Docker)
        {
            pg.container = new PostgreSqlBuilder(DockerStack.PostgresImage)
                .WithUsername("postgres").WithPassword("postgres")
                .WithPortBinding(pg.Port, PostgreSqlBuilder.PostgreSqlPort)
                .Build();
            await pg.container.StartAsync();
            return pg;
        }
        if (!File.Exists(Path.Combine(Bin, "pg_ctl")))
            throw new InvalidOperationException("PostgreSQL 15 is not installed: apt-get install -y postgresql-15");
        Directory.CreateDirectory(pg.dir);
        await pg.RunAsync("chown", "postgres:", pg.dir);
        var pwfile = Path.Combine(pg.dir, "pw");
        await File.WriteAllTextAsync(pwfile, "postgres\n");
        await pg.RunAsync("chown", "postgres:", pwfile);
        await pg.AsPostgres($"{Bin}/initdb -D {pg.dir}/data -U postgres --pwfile={pwfile} --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --no-sync");
        await pg.StartServerAsync();
        return pg;
    }

    public Task StartServerAsync() => container is not null
        ? container.StartAsync()
        : AsPostgres($"{Bin}/pg_ctl -D {dir}/data -l {dir}/log -w -t 60 -o \"-p {Port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off\" start");

    /// <summary>A fast shutdown: open connections are dropped, as in a restart or failover.</summary>
    public Task StopServerAsync() => container is not null
        ? container.StopAsync()
        : AsPostgres($"{Bin}/pg_ctl -D {dir}/data -w -t 60 -m fast stop");
    public async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            await using var conn = new NpgsqlConnection(ConnectionString + ";Pooling=false");
            await conn.OpenAsync();
            return true;
        }
        catch (Exception) { return false; }
    }

    private Task AsPostgres(string command) => RunAsync("runuser", "-u", "postgres", "--", "bash", "-c", command);

    private async Task RunAsync(string file, params string[] args)
    {
        var (code, output) = await TestStack.RunAsync(file, args, TimeSpan.FromMinutes(2));
        if (code != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({code}): {output}");
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (container is not null)
        {
            await container.DisposeAsync();
            return;
        }
        try { await StopServerAsync(); } catch (InvalidOperationException) { /* already stopped */ }
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
