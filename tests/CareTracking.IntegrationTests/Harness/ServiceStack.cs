using System.Net.Http.Headers;
using CareTracking.Testing;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CareTracking.IntegrationTests.Harness;

/// <summary>A service running in-process against the class's own database and RabbitMQ vhost.</summary>
public sealed class ServiceHost<TEntryPoint>(ServiceStack stack) : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As deployed: the services run as the restricted roles (request work and background work), so
        // PostgreSQL's row-level security applies to them; the superuser only applies the schema.
        builder.UseSetting("ConnectionStrings:EventStore", stack.AppDatabase);
        builder.UseSetting("ConnectionStrings:EventStoreMigration", stack.Database);
        builder.UseSetting("ConnectionStrings:EventStoreWorker", stack.WorkerDatabase);
        builder.UseSetting("RabbitMq:Uri", stack.Broker.ToString());
        builder.UseSetting("Auth:SigningKey", TestTokens.SigningKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:MassTransit", "Warning");
    }

    /// <summary>
    /// Started means ready, as a deployed service is only put behind its load balancer once /health/ready
    /// passes: the host's start returns before MassTransit has declared the service's queues and bound them, and
    /// a care-period message published in that moment by another service has no queue to land in.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        var bus = host.Services.GetRequiredService<IBusControl>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        BusHealthResult health;
        while ((health = bus.CheckHealth()).Status != BusHealthStatus.Healthy)
        {
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{typeof(TEntryPoint).Assembly.GetName().Name}'s bus was not ready within 60 s "
                    + $"(is RabbitMQ running at {new Uri(host.Services.GetRequiredService<IConfiguration>()["RabbitMq:Uri"]!).Authority}?): {health.Description}");
            Thread.Sleep(50);
        }
        // Ready also means the schema is applied: a test that reads the event store before the service's first
        // request (e.g. counting events before a run of refused posts) must not race the migration.
        var schema = host.Services.GetRequiredService<CareTracking.ServiceDefaults.Hosting.SchemaInitializer>();
        if (!schema.Applied.Wait(TimeSpan.FromSeconds(60)))
            throw new InvalidOperationException($"{typeof(TEntryPoint).Assembly.GetName().Name}'s schema was not applied within 60 s (is PostgreSQL running?).");
        return host;
    }

    public HttpClient ClientFor(string authority, params string[] scopes)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(authority, scopes));
        return client;
    }
}

/// <summary>A class fixture: its own PostgreSQL database and RabbitMQ vhost on the real servers, and the
/// services started in-process on demand, all sharing them as the deployed suite shares one database.</summary>
public class ServiceStack : IAsyncLifetime
{
    /// <summary>The class's database as the superuser (tests read and arrange rows through it).</summary>
    public string Database { get; private set; } = "";
    /// <summary>The same database as the services' restricted role.</summary>
    public string AppDatabase { get; private set; } = "";
    /// <summary>The same database as the services' background role (feed, projections, outbox relay).</summary>
    public string WorkerDatabase { get; private set; } = "";
    public Uri Broker { get; private set; } = null!;
    private readonly List<IAsyncDisposable> hosts = [];

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        AppDatabase = await TestStack.AsAppRoleAsync(Database);
        WorkerDatabase = await TestStack.AsWorkerRoleAsync(Database);
        Broker = await CreateBrokerAsync();
        if (StandInForAbsentConsumers) await StandInConsumers.DeclareAsync(Broker);
    }

    /// <summary>A queue in the vhost takes every care message, standing in for consumers the class does not start
    /// (<see cref="StandInConsumers"/>); off where a message with nowhere to go is what is tested.</summary>
    protected virtual bool StandInForAbsentConsumers => true;

    protected virtual Task<string> CreateDatabaseAsync() => TestStack.CreateDatabaseAsync("ct_it");
    protected virtual Task<Uri> CreateBrokerAsync() => TestStack.CreateVirtualHostAsync("ct-it");

    /// <summary>The class's instance of a service, started on first use: xunit makes a test class anew for each
    /// test, and one instance of each service per stack is how it is deployed (and keeps 2 cores for the tests).</summary>
    public ServiceHost<T> Start<T>() where T : class
    {
        lock (hosts)
        {
            var running = hosts.OfType<ServiceHost<T>>().FirstOrDefault();
            if (running is not null) return running;
            var host = new ServiceHost<T>(this);
            _ = host.Server; // start now
            hosts.Add(host);
            return host;
        }
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var host in hosts) await host.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await DropDatabaseAsync();
        await TestStack.DeleteVirtualHostAsync(Broker);
    }

    /// <summary>Leaves nothing behind on the shared server; a class on a server of its own overrides it.</summary>
    protected virtual Task DropDatabaseAsync() => TestStack.DropDatabaseAsync(Database);
}

public static class Eventually
{
    public static async Task<T> Within<T>(TimeSpan timeout, Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) return value;
            await Task.Delay(100);
        }
    }
}
