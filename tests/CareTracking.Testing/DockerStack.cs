using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace CareTracking.Testing;

/// <summary>
/// The shared PostgreSQL 15 and RabbitMQ of a test run as containers (<see cref="InfraMode.Docker"/>). They live as
/// long as the test process; Testcontainers' reaper removes them after it. Each test class still gets its own
/// database and vhost, as with the local servers.
/// </summary>
internal sealed class DockerStack
{
    public const string PostgresImage = "postgres:15-alpine";
    // The management variant: deploy/local/broker-users.sh makes broker users through its HTTP API.
    public const string RabbitMqImage = "rabbitmq:3.13-management-alpine";
    private const int ManagementPort = 15672;

    // Not guest: RabbitMQ may refuse guest from anywhere but the container's own loopback.
    private const string RabbitUser = "caretracking";

    private readonly PostgreSqlContainer postgres;
    private readonly RabbitMqContainer rabbit;

    private DockerStack(PostgreSqlContainer postgres, RabbitMqContainer rabbit) => (this.postgres, this.rabbit) = (postgres, rabbit);

    public static async Task<DockerStack> StartAsync()
    {
        var stack = new DockerStack(
            new PostgreSqlBuilder(PostgresImage).WithUsername("postgres").WithPassword("postgres").Build(),
            new RabbitMqBuilder(RabbitMqImage).WithUsername(RabbitUser).WithPassword(RabbitUser).WithPortBinding(ManagementPort, true).Build());
        await Task.WhenAll(stack.postgres.StartAsync(), stack.rabbit.StartAsync());
        return stack;
    }

    /// <summary>The server without a database, like CARETRACKING_TEST_PG.</summary>
    public string PostgresServer =>
        new NpgsqlConnectionStringBuilder(postgres.GetConnectionString()) { Database = null }.ConnectionString;

    public Uri AmqpServer => new(rabbit.GetConnectionString());

    public Uri ManagementUrl => new($"http://{rabbit.Hostname}:{rabbit.GetMappedPublicPort(ManagementPort)}");

    public string ManagementAdmin => $"{RabbitUser}:{RabbitUser}";

    public async Task AddVirtualHostAsync(string name)
    {
        await RabbitCtlAsync("add_vhost", name);
        await RabbitCtlAsync("set_permissions", "-p", name, RabbitUser, ".*", ".*", ".*");
    }

    public Task DeleteVirtualHostAsync(string name) => RabbitCtlAsync("delete_vhost", name);

    private async Task RabbitCtlAsync(params string[] args)
    {
        var result = await rabbit.ExecAsync(["rabbitmqctl", .. args]);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed ({result.ExitCode}): {result.Stdout}{result.Stderr}");
    }
}
