using DotNet.Testcontainers.Configurations;

namespace CareTracking.Testing;

/// <summary>Where the integration tests' PostgreSQL and RabbitMQ come from (tests/README.md).</summary>
public enum InfraMode
{
    /// <summary>The machine's own PostgreSQL 15 and RabbitMQ, started by deploy/local/infra.sh.</summary>
    Local,

    /// <summary>Throwaway containers started by Testcontainers.</summary>
    Docker,
}

/// <summary>
/// The one switch: CARETRACKING_TEST_INFRA=auto|docker|local (default auto). Auto takes containers when a
/// Docker engine answers and the local scripts otherwise; docker without an engine fails, naming what is missing,
/// rather than quietly testing against something else.
/// </summary>
public static class TestInfrastructure
{
    public const string Variable = "CARETRACKING_TEST_INFRA";

    public static Task<InfraMode> ChooseAsync() =>
        ChooseAsync(Environment.GetEnvironmentVariable(Variable), DockerEngine.ProbeAsync);

    /// <param name="setting">The variable's value; null or empty means auto.</param>
    /// <param name="dockerProbe">Null when a Docker engine answers, otherwise why not.</param>
    public static async Task<InfraMode> ChooseAsync(string? setting, Func<Task<string?>> dockerProbe)
    {
        switch (string.IsNullOrWhiteSpace(setting) ? "auto" : setting.Trim().ToLowerInvariant())
        {
            case "local":
                return InfraMode.Local;
            case "auto":
                return await dockerProbe() is null ? InfraMode.Docker : InfraMode.Local;
            case "docker":
                var problem = await dockerProbe();
                if (problem is null) return InfraMode.Docker;
                throw new InvalidOperationException(
                    $"""
                    {Variable}=docker, but no Docker engine answers ({problem}).
                    Start Docker (Debian: apt-get install -y docker.io, then start the daemon) or point DOCKER_HOST at one,
                    or run the tests on this machine's own PostgreSQL and RabbitMQ with {Variable}=local (or auto).
                    """);
            default:
                throw new InvalidOperationException($"{Variable}='{setting}' is not one of auto, docker, local.");
        }
    }
}

/// <summary>Asks the Docker engine Testcontainers would use (DOCKER_HOST, ~/.testcontainers.properties, the default
/// socket) whether it answers.</summary>
public static class DockerEngine
{
    public static async Task<string?> ProbeAsync()
    {
        try
        {
            // Testcontainers' own discovery: null when none of its candidate endpoints answered.
            var endpoint = TestcontainersSettings.OS.DockerEndpointAuthConfig;
            if (endpoint is null)
                return $"Testcontainers found no Docker endpoint; DOCKER_HOST is {Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unset"}, default socket /var/run/docker.sock";
            using var client = endpoint.GetDockerClientBuilder(Guid.NewGuid()).Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.System.PingAsync(timeout.Token);
            return null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
