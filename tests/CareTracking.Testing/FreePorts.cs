using System.Net;
using System.Net.Sockets;

namespace CareTracking.Testing;

/// <summary>A free TCP port on 127.0.0.1, for a server a test starts itself (a private PostgreSQL or broker, a service
/// run as a process): the system picks it, and it is free again the moment the listener stops.</summary>
public static class FreePorts
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
