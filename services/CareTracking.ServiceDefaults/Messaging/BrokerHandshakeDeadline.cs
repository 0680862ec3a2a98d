using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace CareTracking.ServiceDefaults.Messaging;

/// <summary>
/// Gives up a broker connection whose broker has sent nothing at all within <see cref="Deadline"/> of the TCP connect.
/// RabbitMQ.Client 7 waits for the broker's first frame (connection.start) with no deadline of its own: its handshake
/// timeout sets Socket.ReceiveTimeout, which async reads ignore, and MassTransit connects with no deadline either. A
/// broker that accepts connections and never answers (a frozen node, a proxy forwarding into nothing) therefore held
/// MassTransit's connect, and with it every publish and consumer of the bus, until the socket closed, which it never
/// did: the outbox relay timed out for good even after the broker was back (BrokerHangTests, docs/reliability.md).
/// Closing the socket fails the connect like any unreachable broker, and MassTransit tries again.
/// </summary>
public static class BrokerHandshakeDeadline
{
    /// <summary>Longer than any broker takes to answer a protocol header (it does so at once, TLS or not).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>A RabbitMQ.Client socket factory (<see cref="ConnectionFactory.SocketFactory"/>) with the deadline.</summary>
    public static Func<AddressFamily, ITcpClient> SocketFactory(TimeSpan deadline) =>
        family => new WatchedTcpClient(ConnectionFactoryBase.DefaultSocketFactory(family), deadline);

    private sealed class WatchedTcpClient(ITcpClient inner, TimeSpan deadline) : ITcpClient
    {
        private volatile bool answered;

        public bool Connected => inner.Connected;
        public TimeSpan ReceiveTimeout { get => inner.ReceiveTimeout; set => inner.ReceiveTimeout = value; }
        public Socket Client => inner.Client;

        public async Task ConnectAsync(IPAddress host, int port, CancellationToken cancellationToken)
        {
            await inner.ConnectAsync(host, port, cancellationToken);
            _ = CloseUnlessAnsweredAsync();
        }

        private async Task CloseUnlessAnsweredAsync()
        {
            await Task.Delay(deadline);
            if (answered) return;
            try { inner.Client.Shutdown(SocketShutdown.Both); } catch (Exception) { /* already gone */ }
            inner.Close();
        }

        public NetworkStream GetStream() => new WatchedStream(inner.Client, this);

        public void Close() => inner.Close();

        public void Dispose() => (inner as IDisposable)?.Dispose();

        private sealed class WatchedStream(Socket socket, WatchedTcpClient client) : NetworkStream(socket, ownsSocket: false)
        {
            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                Seen(await base.ReadAsync(buffer, cancellationToken));

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Seen(await base.ReadAsync(buffer, offset, count, cancellationToken));

            public override int Read(Span<byte> buffer) => Seen(base.Read(buffer));

            public override int Read(byte[] buffer, int offset, int count) => Seen(base.Read(buffer, offset, count));

            public override int EndRead(IAsyncResult asyncResult) => Seen(base.EndRead(asyncResult));

            private int Seen(int read)
            {
                if (read > 0) client.answered = true;
                return read;
            }
        }
    }
}
