using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using CareTracking.IntegrationTests.Harness;
using CareTracking.MissingEpisodes;
using CareTracking.Placements;
using CareTracking.ServiceDefaults;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Messaging;
using CareTracking.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace CareTracking.IntegrationTests.Security;

/// <summary>RabbitMq:Tls:CertificateLogin as BrokerSettings reads it: the certificate's CN is the user, and it is
/// the only credential (issue 10, item 2).</summary>
public sealed class BrokerCertificateLoginSettingsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ct-certlogin-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    /// <summary>A PKCS #12 client certificate for <paramref name="cn"/> and its password file.</summary>
    private (string Certificate, string PasswordFile) ClientCertificate(string cn, string? subject = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject ?? $"CN={cn}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var file = Path.Combine(folder, cn + ".p12");
        File.WriteAllBytes(file, certificate.Export(X509ContentType.Pkcs12, "p12-secret"));
        File.WriteAllText(file + ".pass", "p12-secret\n");
        return (file, file + ".pass");
    }

    private static BrokerSettings Read(Dictionary<string, string?> rabbit)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:EventStore"] = "Host=127.0.0.1",
            ["Auth:SigningKey"] = TestTokens.SigningKey,
        };
        foreach (var (key, value) in rabbit) settings[key] = value;
        return ServiceSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "Testing").Broker;
    }

    private Dictionary<string, string?> CertificateLogin(string uri, string cn = "ct-placements")
    {
        var (certificate, password) = ClientCertificate(cn);
        return new()
        {
            ["RabbitMq:Uri"] = uri,
            ["RabbitMq:Tls:ClientCertificateFile"] = certificate,
            ["RabbitMq:Tls:ClientCertificatePasswordFile"] = password,
            ["RabbitMq:Tls:CertificateLogin"] = "true",
        };
    }

    [Fact]
    public void with_certificate_login_the_user_is_the_certificates_cn_no_password_is_kept_and_the_client_asks_for_external()
    {
        foreach (var uri in new[] { "amqps://broker.example.invalid/", "amqps://ct-placements@broker.example.invalid/" })
        {
            var broker = Read(CertificateLogin(uri));
            Assert.Equal(("ct-placements", "", true), (broker.UserName, broker.Password, broker.Tls!.CertificateLogin));
            var factory = broker.ConnectionFactory(broker.PoliceVirtualHost, "police publisher");
            Assert.IsType<ExternalMechanismFactory>(Assert.Single(factory.AuthMechanisms));
        }

        // Off by default, and false is no TLS setting: a password login on amqp:// as before.
        var password = Read(new() { ["RabbitMq:Uri"] = "amqp://ct-reviews:secret@127.0.0.1/", ["RabbitMq:Tls:CertificateLogin"] = "false" });
        Assert.Equal(("ct-reviews", "secret", null), (password.UserName, password.Password, password.Tls));
        Assert.DoesNotContain(password.ConnectionFactory("/", "test").AuthMechanisms, m => m is ExternalMechanismFactory);
        Assert.False(Read(new() { ["RabbitMq:Uri"] = "amqps://broker.example.invalid/" }).Tls!.CertificateLogin);
    }

    [Theory]
    [InlineData("amqp", "use amqps://")]
    [InlineData("no certificate", "set 'RabbitMq:Tls:ClientCertificateFile'")]
    [InlineData("password in the uri", "the only broker credential")]
    [InlineData("password file", "unset 'RabbitMq:PasswordFile'")]
    [InlineData("another user in the uri", "client certificate's CN, the user the broker logs in, is 'ct-placements'")]
    [InlineData("not a boolean", "must be true or false")]
    [InlineData("wrong certificate password", "cannot read the client certificate")]
    [InlineData("no CN", "has no CN to log in to the broker with")]
    public void certificate_login_needs_tls_and_a_certificate_and_refuses_a_password_or_another_user_in_the_uri(string mistake, string refusal)
    {
        var settings = CertificateLogin("amqps://broker.example.invalid/");
        switch (mistake)
        {
            case "amqp":
                // CertificateLogin alone: any other TLS setting on amqp:// is refused by the older rule already.
                settings = new() { ["RabbitMq:Uri"] = "amqp://127.0.0.1/", ["RabbitMq:Tls:CertificateLogin"] = "true" };
                break;
            case "no certificate": settings.Remove("RabbitMq:Tls:ClientCertificateFile"); settings.Remove("RabbitMq:Tls:ClientCertificatePasswordFile"); break;
            // One credential, not two.
            case "password in the uri": settings["RabbitMq:Uri"] = "amqps://ct-placements:secret@broker.example.invalid/"; break;
            case "password file":
                settings["RabbitMq:PasswordFile"] = Path.Combine(folder, "ct-placements.password");
                File.WriteAllText(settings["RabbitMq:PasswordFile"]!, "secret");
                break;
            // The broker logs in the CN whatever the URI says: a URI naming someone else is a mistake found at start.
            case "another user in the uri": settings["RabbitMq:Uri"] = "amqps://ct-reviews@broker.example.invalid/"; break;
            case "not a boolean": settings["RabbitMq:Tls:CertificateLogin"] = "yes"; break;
            case "wrong certificate password": File.WriteAllText(settings["RabbitMq:Tls:ClientCertificatePasswordFile"]!, "not-its-password"); break;
            // An e-mail address but no CN: the broker logs in the CN only, so no other name may stand in for it.
            case "no CN":
                var (noCn, noCnPassword) = ClientCertificate("no-cn", "E=ct-placements@example.invalid, O=CareTracking");
                settings["RabbitMq:Tls:ClientCertificateFile"] = noCn;
                settings["RabbitMq:Tls:ClientCertificatePasswordFile"] = noCnPassword;
                break;
        }
        Assert.Contains(refusal, Assert.Throws<InvalidOperationException>(() => Read(settings)).Message);
    }
}

/// <summary>Placements and Missing episodes on the local broker's TLS listener (deploy/local/infra.sh) logging in
/// with their own certificates (ct-placements, ct-missing-episodes, from .local/tls/clients) and no password at all,
/// with their rights from deploy/broker/permissions.txt on vhosts of the class's own.</summary>
public sealed class LocalBrokerCertificateLoginServices : IAsyncLifetime
{
    public ServiceStack Stack { get; } = new();
    public LocalTlsListener Listener { get; private set; } = null!;
    public Uri Police { get; private set; } = null!;
    public HttpClient Management { get; private set; } = null!;
    public WebApplicationFactory<PlacementsHost> Placements { get; private set; } = null!;
    public WebApplicationFactory<MissingEpisodesHost> Missing { get; private set; } = null!;

    public string ServicesVhost => Uri.UnescapeDataString(Stack.Broker.AbsolutePath.TrimStart('/'));
    public string PoliceVhost => Uri.UnescapeDataString(Police.AbsolutePath.TrimStart('/'));

    /// <summary>The client certificate infra.sh made for <paramref name="user"/> (its CN), and its password file.</summary>
    public (string Certificate, string PasswordFile) Certificate(string user)
    {
        var clients = Path.GetDirectoryName(Listener.ClientCertificateFile)!;
        return (Path.Combine(clients, user + ".p12"), Path.Combine(clients, user + ".pass"));
    }

    /// <summary>The settings a service is given to log in as its certificate: no user, no password.</summary>
    public Dictionary<string, string?> CertificateLogin(string user)
    {
        var (certificate, password) = Certificate(user);
        return new()
        {
            ["RabbitMq:Uri"] = new UriBuilder(Listener.Broker) { UserName = "", Password = "" }.Uri.ToString(),
            ["RabbitMq:Tls:CaFile"] = Listener.CaFile,
            ["RabbitMq:Tls:ClientCertificateFile"] = certificate,
            ["RabbitMq:Tls:ClientCertificatePasswordFile"] = password,
            ["RabbitMq:Tls:CertificateLogin"] = "true",
            ["RabbitMq:PoliceVirtualHost"] = PoliceVhost,
        };
    }

    public async Task InitializeAsync()
    {
        await Stack.InitializeAsync();
        Police = await TestStack.CreateVirtualHostAsync("ct-police");
        Listener = await TestStack.LocalTlsListenerAsync(Stack.Broker);
        var (url, admin) = await TestStack.BrokerManagementAsync();
        Management = new HttpClient { BaseAddress = url };
        Management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(admin)));
        // The certificates' CNs are the real users infra.sh makes, so the class uses them, only giving them their
        // rights on its own vhosts (gone with the vhosts); it never rewrites the users themselves.
        await GrantAsync("placements", "missing-episodes");

        Placements = As<PlacementsHost>("ct-placements");
        Missing = As<MissingEpisodesHost>("ct-missing-episodes");
    }

    private WebApplicationFactory<T> As<T>(string user) where T : class
    {
        var host = new ServiceHost<T>(Stack).WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in CertificateLogin(user)) b.UseSetting(key, value);
        });
        _ = host.Server;
        return host;
    }

    /// <summary>The lines of deploy/broker/permissions.txt for <paramref name="services"/>, on this class's vhosts.</summary>
    private async Task GrantAsync(params string[] services)
    {
        var file = Path.Combine(TestStack.RepositoryRoot(), "deploy", "broker", "permissions.txt");
        foreach (var line in File.ReadLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var (name, vhost, configure, write, read) = line.Split(' ', StringSplitOptions.RemoveEmptyEntries) switch
            {
                [var n, var v, var c, var w, var r] => (n, v, c, w, r),
                _ => throw new InvalidOperationException("permissions.txt: " + line),
            };
            if (!services.Contains(name)) continue;
            var user = "ct-" + name;
            if (!(await Management.GetAsync($"/api/users/{user}")).IsSuccessStatusCode)
                throw new InvalidOperationException($"The broker has no user {user}; deploy/local/infra.sh start makes the services' users (broker-users.sh apply).");
            var target = vhost == "police" ? PoliceVhost : ServicesVhost;
            var put = await Management.PutAsJsonAsync($"/api/permissions/{Uri.EscapeDataString(target)}/{user}", new { configure, write, read });
            put.EnsureSuccessStatusCode();
        }
    }

    public async Task DisposeAsync()
    {
        await Missing.DisposeAsync();
        await Placements.DisposeAsync();
        await Stack.DisposeAsync();
        await TestStack.DeleteVirtualHostAsync(Police);
        Management.Dispose();
    }
}

/// <summary>Certificate login (SASL EXTERNAL) on the local broker itself: services log in as their certificate's
/// CN with no password, a certificate whose CN is no broker user is refused, and the CN's rights are what it gets.</summary>
public sealed class LocalBrokerCertificateLoginTests(LocalBrokerCertificateLoginServices services) : IClassFixture<LocalBrokerCertificateLoginServices>
{
    private BrokerSettings Settings(string user) =>
        ServiceSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(services.CertificateLogin(user))
        {
            ["ConnectionStrings:EventStore"] = "Host=127.0.0.1",
            ["Auth:SigningKey"] = TestTokens.SigningKey,
        }).Build(), "Testing").Broker;

    [Fact]
    public async Task services_logging_in_with_their_certificates_and_no_password_carry_care_messages_and_police_alerts()
    {
        // The alert is published with user_id = the certificate's CN, which the broker checks against the login.
        await BrokerTlsTests.CareMessageAndAlertArriveAsync(services.Stack, services.Placements, services.Missing, "cert-login-1", services.Police);

        Assert.Equal(("ct-placements", ""), (services.Placements.Services.GetRequiredService<BrokerSettings>().UserName,
            services.Placements.Services.GetRequiredService<BrokerSettings>().Password));
        // Every connection of both services on both vhosts came in by EXTERNAL, as its certificate's user.
        var connections = await Eventually.Within(TimeSpan.FromSeconds(30), ConnectionsAsync,
            c => c.Contains(("ct-placements", services.ServicesVhost, "EXTERNAL"))
                && c.Contains(("ct-missing-episodes", services.ServicesVhost, "EXTERNAL"))
                && c.Contains(("ct-missing-episodes", services.PoliceVhost, "EXTERNAL")));
        Assert.All(connections.Where(c => c.User.StartsWith("ct-")), c => Assert.Equal("EXTERNAL", c.Mechanism));
        Assert.Contains(("ct-missing-episodes", services.PoliceVhost, "EXTERNAL"), connections);
    }

    [Fact]
    public async Task a_certificate_whose_cn_is_no_broker_user_is_refused()
    {
        // ct-local-client's certificate comes from the broker's CA, so TLS accepts it; no broker user has its name.
        var stranger = Settings("ct-local-client");
        Assert.Equal("ct-local-client", stranger.UserName);
        var refused = await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() =>
            stranger.ConnectionFactory(stranger.VirtualHost, "cert-login-test").CreateConnectionAsync());
        Assert.IsType<AuthenticationFailureException>(refused.InnerException);
    }

    [Fact]
    public async Task a_connection_by_external_as_ct_placements_gets_ct_placements_rights_and_no_more()
    {
        var placements = Settings("ct-placements");
        await using var connection = await placements.ConnectionFactory(placements.VirtualHost, "cert-login-test").CreateConnectionAsync();
        Assert.True(connection.IsOpen);

        // A queue guest (the vhost's administrator here) may read; Placements may read nothing (permissions.txt).
        await using (var admin = await new ConnectionFactory { Uri = services.Stack.Broker }.CreateConnectionAsync())
        await using (var channel = await admin.CreateChannelAsync())
            await channel.QueueDeclareAsync("cert-login-probe", durable: false, exclusive: false, autoDelete: false);
        await BrokerPermissionsTests.AssertRefusedAsync(connection, ch => ch.BasicGetAsync("cert-login-probe", false));
        await BrokerPermissionsTests.AssertRefusedAsync(connection, ch => ch.QueueDeclareAsync("cert-login-own", false, false, true));
        // What permissions.txt gives it: configure and write on its contract exchanges.
        await using (var channel = await connection.CreateChannelAsync())
            await channel.ExchangeDeclareAsync("CareTracking.Contracts.Placements:CertLoginProbe", ExchangeType.Fanout, durable: true, autoDelete: true);
    }

    /// <summary>The connections on this class's vhosts as the management API lists them: user, vhost, mechanism.</summary>
    private async Task<IReadOnlyList<(string User, string Vhost, string Mechanism)>> ConnectionsAsync()
    {
        var all = new List<(string, string, string)>();
        foreach (var vhost in new[] { services.ServicesVhost, services.PoliceVhost })
        {
            var list = JsonNode.Parse(await services.Management.GetStringAsync($"/api/vhosts/{Uri.EscapeDataString(vhost)}/connections"))!.AsArray();
            all.AddRange(list.Select(c => ((string)c!["user"]!, vhost, (string?)c["auth_mechanism"] ?? "")));
        }
        return all;
    }
}
