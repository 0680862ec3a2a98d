using System.Net;
using System.Net.Sockets;

namespace CareTracking.IntegrationTests.Harness;

/// <summary>
/// A TCP forwarder started in-process in front of the shared RabbitMQ, so a test can take the broker away from
/// its own services (every connection reset, new ones refused) and give it back, without touching the broker
/// every other test uses.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> open = [];
    private readonly CancellationTokenSource stop = new();
    private volatile bool down;
    private volatile bool blackHole;
    private readonly Task accepting;

    public TcpProxy(string host, int port)
    {
        target = new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>The broker as the services see it through the proxy (same credentials and vhost).</summary>
    public Uri Through(Uri broker) => new UriBuilder(broker) { Host = "127.0.0.1", Port = Port }.Uri;

    /// <summary>The broker goes away: open connections are reset, new ones closed at once.</summary>
    public void Cut()
    {
        down = true;
        lock (open)
        {
            foreach (var c in open)
            {
                try { c.Client.LingerState = new LingerOption(true, 0); c.Close(); } catch (Exception) { }
            }
            open.Clear();
        }
    }

    /// <summary>The broker hangs: open connections are reset and new ones are accepted but never answered (what
    /// is written is read and dropped), as a broker node that is frozen, or a proxy forwarding into nothing, does.
    /// Connections accepted meanwhile stay unanswered even after <see cref="Restore"/>.</summary>
    public void BlackHole()
    {
        blackHole = true;
        Cut();
        down = false;
    }

    public void Restore()
    {
        blackHole = false;
        down = false;
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception) { return; }
            if (down)
            {
                client.Close();
                continue;
            }
            if (blackHole)
            {
                _ = SwallowAsync(client);
                continue;
            }
            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(target, stop.Token);
            lock (open) { open.Add(client); open.Add(upstream); }
            var a = client.GetStream().CopyToAsync(upstream.GetStream(), stop.Token);
            var b = upstream.GetStream().CopyToAsync(client.GetStream(), stop.Token);
            await Task.WhenAny(a, b);
        }
        catch (Exception) { }
        finally
        {
            client.Close();
            upstream.Close();
            lock (open) { open.Remove(client); open.Remove(upstream); }
        }
    }

    private async Task SwallowAsync(TcpClient client)
    {
        try { await client.GetStream().CopyToAsync(Stream.Null, stop.Token); }
        catch (Exception) { }
        finally { client.Close(); }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        Cut();
        try { await accepting; } catch (Exception) { }
    }
}
