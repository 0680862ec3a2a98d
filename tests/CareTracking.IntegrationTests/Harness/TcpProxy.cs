using System.Net;
using System.Net.Sockets;

namespace CareTracking.IntegrationTests.Harness;

/// <summary>
/// A TCP forwarder started in-process in front of the shared RabbitMQ, so a test can take the broker away from
/// its own services (every connection reset, new ones refused), make it hang, or cut the network silently, and give
/// it back, without touching the broker every other test uses.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> open = [];
    private readonly List<SilencedLink> links = [];
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

    /// <summary>The network between the services and the broker goes silent, as a firewall dropping a flow, a cable
    /// pulled or a frozen NAT does: nothing is closed or reset, every byte written on an open connection, either way,
    /// is read and dropped, and new connections are accepted and never answered. Only missing heartbeats tell either
    /// end. The open connections stay silent for good (their streams have lost bytes, as after a real cut); neither
    /// end's close is passed on. Returns the connections that were open, to see when each client gave its up.</summary>
    public IReadOnlyList<SilencedLink> Silence()
    {
        blackHole = true;
        lock (open)
        {
            foreach (var link in links) link.Silence();
            return links.ToList();
        }
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
        SilencedLink? link = null;
        try
        {
            await upstream.ConnectAsync(target, stop.Token);
            link = new SilencedLink();
            lock (open) { open.Add(client); open.Add(upstream); links.Add(link); }
            var fromClient = PumpAsync(client.GetStream(), upstream.GetStream(), link, fromClient: true);
            var fromBroker = PumpAsync(upstream.GetStream(), client.GetStream(), link, fromClient: false);
            await Task.WhenAny(fromClient, fromBroker);
            // A silent cut carries no FIN or reset: each end has to find out by itself.
            if (link.Silenced) await Task.WhenAll(fromClient, fromBroker);
        }
        catch (Exception) { }
        finally
        {
            client.Close();
            upstream.Close();
            lock (open) { open.Remove(client); open.Remove(upstream); if (link is not null) links.Remove(link); }
        }
    }

    /// <summary>Copies one way until the reading side closes, dropping what it reads once the link is silenced.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, SilencedLink link, bool fromClient)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, stop.Token);
                if (read == 0) return;
                if (fromClient) link.Opened(buffer.AsSpan(0, read));
                if (!link.Silenced) await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            }
        }
        catch (Exception) when (link.Silenced) { }
        finally
        {
            if (fromClient) link.ClientClosed();
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

/// <summary>A proxied connection as a silent cut leaves it: whose it is, and when its client gave it up.</summary>
public sealed class SilencedLink
{
    private readonly byte[] opening = new byte[4096];
    private int openingLength;
    private readonly System.Diagnostics.Stopwatch silencedFor = new();
    private long clientClosedAfterTicks = -1;

    private volatile bool silenced;
    public bool Silenced => silenced;

    /// <summary>How long after the cut the client closed its end (its heartbeat, or a timeout, told it the
    /// connection was dead); null while it still holds it.</summary>
    public TimeSpan? ClientGaveUpAfter
    {
        get
        {
            var ticks = Interlocked.Read(ref clientClosedAfterTicks);
            return ticks >= 0 ? TimeSpan.FromTicks(ticks) : null;
        }
    }

    /// <summary>Whether the client's first bytes (the AMQP handshake, which carries its connection name) hold
    /// <paramref name="text"/>.</summary>
    public bool ClientSent(string text)
    {
        lock (opening) return System.Text.Encoding.Latin1.GetString(opening, 0, openingLength).Contains(text, StringComparison.Ordinal);
    }

    internal void Silence()
    {
        silencedFor.Start();
        silenced = true;
    }

    internal void Opened(ReadOnlySpan<byte> bytes)
    {
        if (Volatile.Read(ref openingLength) == opening.Length) return;
        lock (opening)
        {
            var take = Math.Min(bytes.Length, opening.Length - openingLength);
            bytes[..take].CopyTo(opening.AsSpan(openingLength));
            openingLength += take;
        }
    }

    internal void ClientClosed()
    {
        if (Silenced) Interlocked.CompareExchange(ref clientClosedAfterTicks, silencedFor.Elapsed.Ticks, -1);
    }
}
