using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CareTracking.Testing;

/// <summary>
/// Runs one of the tools (tools/*) as its own process, as a script or an operator would, from the dll a test project's
/// reference to the tool copies beside the tests; or one of the repository's scripts (deploy/*) with bash. The real
/// exit code, stdout and stderr.
/// </summary>
public static class ToolProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Task<Outcome> RunAsync(string tool, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, tool + ".dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: the test project must reference tools/{tool}.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet");
        start.ArgumentList.Add(dll);
        return RunAsync(start, args, environment, TimeSpan.FromMinutes(2));
    }

    /// <summary>A script of the repository (<paramref name="script"/> relative to its root, e.g.
    /// deploy/local/seed-demo.sh), run with bash as an operator runs it. Scripts that build a tool first get longer.</summary>
    public static Task<Outcome> RunScriptAsync(string script, IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var path = Path.Combine(TestStack.RepositoryRoot(), script);
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} is missing.");
        var start = new ProcessStartInfo("bash");
        start.ArgumentList.Add(path);
        return RunAsync(start, args, environment, timeout ?? TimeSpan.FromMinutes(5));
    }

    private static async Task<Outcome> RunAsync(ProcessStartInfo start, IEnumerable<string> args, IDictionary<string, string>? environment, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var what = string.Join(' ', start.ArgumentList);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not end within {timeout.TotalMinutes:0} minutes.");
        }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>
/// A port on 127.0.0.1 that counts the connections made to it and closes each at once: a service or broker URL for a
/// tool that must not be called (a refused command line posts nothing), and that fails fast if it is.
/// </summary>
public sealed class ConnectionCounter : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Task accepting;
    private int connections;

    public ConnectionCounter()
    {
        listener.Start();
        accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref connections);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        });
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
    public string Url => $"http://127.0.0.1:{Port}";
    public int Connections => Volatile.Read(ref connections);

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        await accepting;
    }
}
