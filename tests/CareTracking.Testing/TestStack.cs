using System.Diagnostics;
using Npgsql;

namespace CareTracking.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ the integration tests run against, started once per test run: as containers
/// through Testcontainers when a Docker engine answers, otherwise by deploy/local/infra.sh when they are not
/// already reachable (<see cref="TestInfrastructure"/>, tests/README.md). Never replaced by a fake: when they cannot
/// be started, tests fail with what to install.
/// </summary>
public static class TestStack
{
    private static readonly Lazy<Task> Started = new(StartAsync);
    private static DockerStack? docker;

    /// <summary>The server without a database. Under Docker, known once <see cref="EnsureStartedAsync"/> has run.</summary>
    public static string PostgresServer => docker?.PostgresServer ?? LocalPostgresServer;

    public static Uri AmqpServer => docker?.AmqpServer ?? LocalAmqpServer;

    private static string LocalPostgresServer =>
        Environment.GetEnvironmentVariable("CARETRACKING_TEST_PG")
        ?? "Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres";

    private static Uri LocalAmqpServer =>
        new(Environment.GetEnvironmentVariable("CARETRACKING_TEST_AMQP") ?? "amqp://guest:guest@127.0.0.1:56720/");

    /// <summary>Which infrastructure this run uses (decided once, by CARETRACKING_TEST_INFRA).</summary>
    public static Task<InfraMode> Mode => ModeChosen.Value;

    private static readonly Lazy<Task<InfraMode>> ModeChosen = new(TestInfrastructure.ChooseAsync);

    public static Task EnsureStartedAsync() => Started.Value;

    private static async Task StartAsync()
    {
        if (await Mode == InfraMode.Docker)
        {
            docker = await DockerStack.StartAsync();
            return;
        }
        if (await PostgresReachableAsync() && await AmqpReachableAsync()) return;

        var script = InfraScript;
        var (code, output) = await RunAsync("bash", $"\"{script}\" start", TimeSpan.FromMinutes(5));
        if (code != 0 || !await PostgresReachableAsync() || !await AmqpReachableAsync())
            throw new InvalidOperationException(
                $"""
                The integration tests need a real PostgreSQL 15 on 127.0.0.1:55432 and RabbitMQ on 127.0.0.1:56720,
                and '{script} start' could not provide them (exit {code}).
                Install them with: apt-get install -y postgresql-15 rabbitmq-server   (or run deploy/test.sh, which does),
                or run a Docker engine ({TestInfrastructure.Variable}=auto or docker starts them as containers).
                Output of the start script:
                {output}
                """);
    }

    private static string InfraScript =>
        Environment.GetEnvironmentVariable("CARETRACKING_INFRA_SCRIPT")
        ?? Path.Combine(RepositoryRoot(), "deploy", "local", "infra.sh");

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CareTracking.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (CareTracking.sln) above " + AppContext.BaseDirectory);
    }

    private static async Task<bool> PostgresReachableAsync()
    {
        try
        {
            await using var conn = new NpgsqlConnection(PostgresServer + ";Database=postgres;Timeout=3");
            await conn.OpenAsync();
            return true;
        }
        catch (Exception) { return false; }
    }

    private static async Task<bool> AmqpReachableAsync()
    {
        try
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await tcp.ConnectAsync(AmqpServer.Host, AmqpServer.Port, cts.Token);
            return true;
        }
        catch (Exception) { return false; }
    }

    public static Task<(int Code, string Output)> RunAsync(string file, string args, TimeSpan timeout) =>
        RunAsync(new ProcessStartInfo(file, args), timeout);

    public static Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout) =>
        RunAsync(new ProcessStartInfo(file, args), timeout);

    /// <summary>Runs a program with extra environment variables.</summary>
    public static Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, args);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return RunAsync(start, timeout);
    }

    /// <summary>
    /// The local broker's own TLS listener (deploy/local/infra.sh: AMQP over TLS on 127.0.0.1:56723 with a certificate for
    /// localhost from a CA it makes), as a URI for <paramref name="broker"/>'s user and vhost, and the CA's certificate to
    /// trust. CARETRACKING_TEST_AMQPS_PORT and CARETRACKING_TEST_BROKER_CA point elsewhere (default: this checkout's
    /// .local/tls/broker-ca.pem, where infra.sh puts it).
    /// </summary>
    public static async Task<LocalTlsListener> LocalTlsListenerAsync(Uri broker)
    {
        await EnsureStartedAsync();
        var port = int.Parse(Environment.GetEnvironmentVariable("CARETRACKING_TEST_AMQPS_PORT") ?? "56723", System.Globalization.CultureInfo.InvariantCulture);
        var ca = Environment.GetEnvironmentVariable("CARETRACKING_TEST_BROKER_CA") ?? Path.Combine(RepositoryRoot(), ".local", "tls", "broker-ca.pem");
        // The listener asks for a client certificate from the same CA: infra.sh makes one for local tools and tests.
        var client = Path.Combine(Path.GetDirectoryName(ca)!, "clients", "ct-local-client");
        if (docker is not null || !File.Exists(ca) || !File.Exists(client + ".p12") || !File.Exists(client + ".pass"))
            throw new InvalidOperationException(
                $"The broker's TLS listener test needs the local broker's CA certificate at {ca} and a client certificate at {client}.p12 "
                + "(with its password in .pass): deploy/local/infra.sh start makes them (restart the broker with "
                + "'deploy/local/infra.sh stop rabbitmq' first if it was started by an older infra.sh), or set "
                + "CARETRACKING_TEST_BROKER_CA (beside it clients/ct-local-client.p12) and CARETRACKING_TEST_AMQPS_PORT to a broker's TLS listener.");
        return new(new UriBuilder(broker) { Scheme = "amqps", Host = "localhost", Port = port }.Uri, ca, client + ".p12", client + ".pass");
    }

    /// <summary>The broker's management API and an administrator's user:password, for tests that make broker users
    /// with deploy/local/broker-users.sh (locally the node infra.sh runs, guest on loopback; under Docker the
    /// container's).</summary>
    public static async Task<(Uri Url, string Admin)> BrokerManagementAsync()
    {
        await EnsureStartedAsync();
        if (docker is not null) return (docker.ManagementUrl, docker.ManagementAdmin);
        var url = Environment.GetEnvironmentVariable("CARETRACKING_TEST_RABBIT_MGMT") ?? "http://127.0.0.1:15672";
        return (new Uri(url), Uri.UnescapeDataString(AmqpServer.UserInfo));
    }

    private static async Task<(int Code, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        try
        {
            var outcome = await ToolProcess.RunAsync(start, [], null, timeout);
            return (outcome.ExitCode, outcome.Stdout + outcome.Stderr);
        }
        catch (TimeoutException) { return (-1, $"timed out after {timeout}"); }
    }

    /// <summary>Creates an empty database of its own for a test class and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        await EnsureStartedAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using var conn = new NpgsqlConnection(PostgresServer + ";Database=postgres");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"create database \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return PostgresServer + $";Database={name}";
    }

    /// <summary>Runs statements as the services' restricted role (<paramref name="appConnection"/>) in one
    /// transaction scoped to the authority <paramref name="scope"/>, as the services' request paths do; null sets
    /// no scope at all, "*" is the system scope.</summary>
    public static async Task<T> InAuthorityScopeAsync<T>(string appConnection, string? scope, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work)
    {
        await using var conn = new NpgsqlConnection(appConnection);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        if (scope is not null)
        {
            await using var set = new NpgsqlCommand("select set_config('ct.authority', @a, true)", conn, tx);
            set.Parameters.AddWithValue("a", scope);
            await set.ExecuteNonQueryAsync();
        }
        var result = await work(conn, tx);
        await tx.CommitAsync();
        return result;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, so repeated runs leave nothing behind
    /// on a developer's server. Best effort: a failure to clean up never fails a test.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (name is null || !name.StartsWith("ct_")) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var conn = new NpgsqlConnection(PostgresServer + ";Database=postgres;Pooling=false");
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException) { }
    }

    /// <summary>Deletes a vhost made by <see cref="CreateVirtualHostAsync"/>. Best effort.</summary>
    public static async Task DeleteVirtualHostAsync(Uri broker)
    {
        var name = Uri.UnescapeDataString(broker.AbsolutePath.TrimStart('/'));
        if (!name.StartsWith("ct-")) return;
        if (docker is not null)
        {
            try { await docker.DeleteVirtualHostAsync(name); } catch (InvalidOperationException) { }
            return;
        }
        await RunAsync("bash", ["-c", $"\"{InfraScript}\" delete-vhost {name}"], TimeSpan.FromMinutes(1));
    }

    /// <summary>The restricted login role the services' request work connects as (deploy/local/infra.sh makes it too).</summary>
    public const string AppRole = "caretracking_app";

    /// <summary>The restricted login role of the services' background work (feed, projections, outbox relay): the
    /// only one that may take the system scope (deploy/local/infra.sh makes it too).</summary>
    public const string WorkerRole = "caretracking_worker";

    /// <summary>
    /// The same database as <paramref name="superuserConnection"/>, as the services' restricted request role, which
    /// is created on that server if missing (a private cluster or a server started by an older infra.sh has none).
    /// Row-level security applies to it, as it does to the deployed services.
    /// </summary>
    public static Task<string> AsAppRoleAsync(string superuserConnection) => AsRoleAsync(superuserConnection, AppRole);

    /// <summary>The same database as the services' background role, created if missing like <see cref="AsAppRoleAsync"/>.</summary>
    public static Task<string> AsWorkerRoleAsync(string superuserConnection) => AsRoleAsync(superuserConnection, WorkerRole);

    private static async Task<string> AsRoleAsync(string superuserConnection, string role)
    {
        var admin = new NpgsqlConnectionStringBuilder(superuserConnection) { Database = "postgres", Pooling = false };
        await using (var conn = new NpgsqlConnection(admin.ConnectionString))
        {
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            // Roles are cluster-wide and test classes start in parallel: serialise on one lock in one database.
            await using var cmd = new NpgsqlCommand(
                $$"""
                select pg_advisory_xact_lock(hashtext('ct-app-role'));
                do $$ begin
                    if not exists (select 1 from pg_roles where rolname = '{{role}}') then
                        create role {{role}} login password '{{role}}' nosuperuser nobypassrls nocreatedb nocreaterole;
                    end if;
                end $$;
                """, conn, tx);
            await cmd.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
        return new NpgsqlConnectionStringBuilder(superuserConnection) { Username = role, Password = role }.ConnectionString;
    }

    /// <summary>Creates a RabbitMQ virtual host of its own for a test class and returns its AMQP URI.</summary>
    public static async Task<Uri> CreateVirtualHostAsync(string prefix)
    {
        await EnsureStartedAsync();
        var name = $"{prefix}-{Guid.NewGuid():N}";
        if (docker is not null) await docker.AddVirtualHostAsync(name);
        else
        {
            var (code, output) = await RunAsync("bash", $"\"{InfraScript}\" add-vhost {name}", TimeSpan.FromMinutes(1));
            if (code != 0) throw new InvalidOperationException($"Could not create RabbitMQ vhost {name}: {output}");
        }
        var b = new UriBuilder(AmqpServer) { Path = "/" + Uri.EscapeDataString(name) };
        return b.Uri;
    }
}
