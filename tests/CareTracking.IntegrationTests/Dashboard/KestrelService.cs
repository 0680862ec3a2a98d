using System.Net;
using CareTracking.IntegrationTests.Harness;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CareTracking.IntegrationTests.Dashboard;

/// <summary>
/// A service of the stack listening on a free loopback port, for a real browser: the in-memory TestServer
/// that <see cref="ServiceStack.Start{T}"/> gives is out of a browser's reach.
/// </summary>
public static class KestrelService
{
    public static (ServiceHost<T> Host, Uri Address) StartOnLoopback<T>(ServiceStack stack) where T : class
    {
        var host = new ServiceHost<T>(stack);
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (host, new Uri(address));
    }
}
