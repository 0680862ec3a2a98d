using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CareTracking.IntegrationTests.Harness;

/// <summary>
/// A TLS endpoint for the shared RabbitMQ, started in-process: it completes the TLS handshake with a certificate for
/// "localhost" signed by a CA made for the test, then forwards the plain AMQP to the broker. The services' TLS
/// client settings are exercised for real (handshake, chain, host name) without reconfiguring the shared broker.
/// </summary>
public sealed class TlsProxy : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 serverCertificate;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int handshakes;

    public TlsProxy(string host, int port, string caPemFile)
    {
        target = new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        (var ca, serverCertificate) = MakeCertificates();
        File.WriteAllText(caPemFile, ca.ExportCertificatePem());
        ca.Dispose();
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>TLS handshakes completed so far.</summary>
    public int Handshakes => Volatile.Read(ref handshakes);

    /// <summary>The broker through this proxy, as amqps:// to "localhost" (the name in the certificate).</summary>
    public Uri Through(Uri broker) => new UriBuilder(broker) { Scheme = "amqps", Host = "localhost", Port = Port }.Uri;

    private static (X509Certificate2 Ca, X509Certificate2 Server) MakeCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=CareTracking test broker CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(ca, now.AddHours(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(key);
        // SslStream on Linux wants the key in a loadable (PKCS #12) form.
        return (ca, X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null));
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception) { return; }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = serverCertificate,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                }, stop.Token);
                Interlocked.Increment(ref handshakes);
                using var upstream = new TcpClient();
                await upstream.ConnectAsync(target, stop.Token);
                var plain = upstream.GetStream();
                await Task.WhenAny(tls.CopyToAsync(plain, stop.Token), plain.CopyToAsync(tls, stop.Token));
            }
            catch (Exception) { /* a refused handshake or a closed connection ends this one only */ }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try { await accepting; } catch (Exception) { }
        serverCertificate.Dispose();
    }
}
