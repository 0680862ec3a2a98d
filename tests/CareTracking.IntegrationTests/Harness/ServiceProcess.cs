using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CareTracking.Testing;

namespace CareTracking.IntegrationTests.Harness;

/// <summary>
/// A service run as its own process from its build output (services/&lt;project&gt;/bin/&lt;configuration&gt;/...), set
/// up only through environment variables, as deployed: for what an in-process host cannot show, such as what the
/// service exports (every in-process host's tracer sees every other host's spans in the test process). Started
/// means /health/ready answered 200 (event store, outbox and bus with its queues bound).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    public Uri Url { get; }

    private ServiceProcess(Process process, Uri url)
    {
        this.process = process;
        Url = url;
    }

    /// <summary>The stack's database (as the restricted roles) and vhost, the test signing key, plus
    /// <paramref name="environment"/>.</summary>
    public static async Task<ServiceProcess> StartAsync(string project, ServiceStack stack, IDictionary<string, string> environment)
    {
        var root = TestStack.RepositoryRoot();
        // The same configuration and framework folders as this test project's own output.
        var output = Path.GetRelativePath(Path.Combine(root, "tests", "CareTracking.IntegrationTests"), AppContext.BaseDirectory);
        var folder = Path.Combine(root, "services", project, output);
        var dll = Path.Combine(folder, project + ".dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the test project, which builds services/{project}.");
        var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = url.ToString(),
            ["ConnectionStrings__EventStore"] = stack.AppDatabase,
            ["ConnectionStrings__EventStoreMigration"] = stack.Database,
            ["ConnectionStrings__EventStoreWorker"] = stack.WorkerDatabase,
            ["RabbitMq__Uri"] = stack.Broker.ToString(),
            ["Auth__SigningKey"] = TestTokens.SigningKey,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in environment) settings[name] = value;
        foreach (var (name, value) in settings) start.Environment[name] = value;

        var service = new ServiceProcess(Process.Start(start)!, url);
        service.process.OutputDataReceived += (_, line) => service.Keep(line.Data);
        service.process.ErrorDataReceived += (_, line) => service.Keep(line.Data);
        service.process.BeginOutputReadLine();
        service.process.BeginErrorReadLine();
        try
        {
            await service.WaitReadyAsync(project, TimeSpan.FromSeconds(120));
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > 200) output.TryDequeue(out _);
    }

    /// <summary>The last lines the service wrote, for a failure's message.</summary>
    public string Output => string.Join('\n', output);

    private async Task WaitReadyAsync(string project, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"{project} exited with {process.ExitCode}:\n{Output}");
            try
            {
                using var ready = await client.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { last = e.Message; }
            await Task.Delay(250);
        }
        throw new InvalidOperationException($"{project} was not ready within {timeout.TotalSeconds:0} s ({last}):\n{Output}");
    }

    /// <summary>A client as an outside caller's: the test process's own diagnostics (in-process hosts of other test
    /// classes instrument HttpClient) must not replace the trace context a test sends.</summary>
    public HttpClient ClientFor(string authority, params string[] scopes)
    {
        var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = Url };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(authority, scopes));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
