using DotNet.Testcontainers.Containers;
using Testcontainers.RabbitMq;

namespace CareTracking.Testing;

/// <summary>
/// A RabbitMQ node of its own for fault tests that stop and restart the broker, leaving the shared broker, and every
/// other test class, alone. Locally deploy/local/fault-broker.sh's node; under Docker a container bound to the
/// same host port across restarts. Durable queues and persistent messages survive a stop in both.
/// </summary>
public sealed class PrivateRabbitMq : IAsyncDisposable
{
    private const string User = "caretracking";
    private readonly RabbitMqContainer? container;

    private PrivateRabbitMq(Uri uri, RabbitMqContainer? container) => (Uri, this.container) = (uri, container);

    public Uri Uri { get; }

    public static async Task<PrivateRabbitMq> StartAsync()
    {
        if (await TestStack.Mode == InfraMode.Docker)
        {
            var port = FreePorts.Next();
            var container = new RabbitMqBuilder(DockerStack.RabbitMqImage)
                .WithUsername(User).WithPassword(User)
                .WithPortBinding(port, RabbitMqBuilder.RabbitMqPort)
                .Build();
            await container.StartAsync();
            return new PrivateRabbitMq(new Uri($"amqp://{User}:{User}@127.0.0.1:{port}/"), container);
        }
        return new PrivateRabbitMq(new Uri((await ScriptAsync("start")).Trim().Split('\n')[^1]), null);
    }

    public Task StopAsync() => container is not null ? container.StopAsync() : ScriptAsync("stop");

    /// <summary>Starts the node again; a no-op when it runs (the script is idempotent too).</summary>
    public Task StartAgainAsync() => container is null ? ScriptAsync("start")
        : container.State == TestcontainersStates.Running ? Task.CompletedTask
        : container.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (container is not null) await container.DisposeAsync();
        else await ScriptAsync("stop");
    }

    private static async Task<string> ScriptAsync(string command)
    {
        var script = Path.Combine(TestStack.RepositoryRoot(), "deploy", "local", "fault-broker.sh");
        var (code, output) = await TestStack.RunAsync("bash", $"\"{script}\" {command}", TimeSpan.FromMinutes(3));
        if (code != 0) throw new InvalidOperationException($"fault-broker.sh {command} failed ({code}): {output}");
        return output;
    }
}
