using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CareTracking.Testing;

/// <summary>
/// Runs one of the tools (tools/*) as its own process, as a script or an operator would, from the dll a test project's
/// reference to the tool copies beside the tests: the real exit code, stdout and stderr.
/// </summary>
public static class ToolProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static async Task<Outcome> RunAsync(string tool, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, tool + ".dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: the test project must reference tools/{tool}.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not end within 2 minutes.");
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
