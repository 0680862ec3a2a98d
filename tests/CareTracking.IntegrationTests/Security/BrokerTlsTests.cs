using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.MissingEpisodes;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Messaging;
using CareTracking.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client.Exceptions;

namespace CareTracking.IntegrationTests.Security;

/// <summary>Placements and Missing episodes reaching the broker only through a TLS endpoint whose certificate a CA
/// of the class's own signed (<see cref="TlsProxy"/>), configured as production is: amqps:// and RabbitMq:Tls:CaFile.</summary>
public sealed class BrokerTlsServices : IAsyncLifetime
{
    public ServiceStack Stack { get; } = new();
    public string CaFile { get; } = Path.Combine(Path.GetTempPath(), $"ct-broker-ca-{Guid.NewGuid():N}.pem");
    public TlsProxy Proxy { get; private set; } = null!;
    public WebApplicationFactory<PlacementsHost> Placements { get; private set; } = null!;
    public WebApplicationFactory<MissingEpisodesHost> Missing { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Stack.InitializeAsync();
        Proxy = new TlsProxy(Stack.Broker.Host, Stack.Broker.Port, CaFile);
        var broker = Proxy.Through(Stack.Broker).ToString();
        Placements = new ServiceHost<PlacementsHost>(Stack).WithWebHostBuilder(b => b.UseSetting("RabbitMq:Uri", broker).UseSetting("RabbitMq:Tls:CaFile", CaFile));
        Missing = new ServiceHost<MissingEpisodesHost>(Stack).WithWebHostBuilder(b => b.UseSetting("RabbitMq:Uri", broker).UseSetting("RabbitMq:Tls:CaFile", CaFile));
        _ = Placements.Server;
        _ = Missing.Server;
    }

    public async Task DisposeAsync()
    {
        await Missing.DisposeAsync();
        await Placements.DisposeAsync();
        await Proxy.DisposeAsync();
        await Stack.DisposeAsync();
        File.Delete(CaFile);
    }
}

/// <summary>TLS on AMQP (issue 10, item 2): the services' MassTransit bus and the police publisher honour amqps://, the
/// private CA and the host name, and refuse a broker they cannot verify.</summary>
public sealed class BrokerTlsTests(BrokerTlsServices services) : IClassFixture<BrokerTlsServices>
{
    private static BrokerSettings Broker(string environment, Dictionary<string, string?> rabbit)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:EventStore"] = "Host=127.0.0.1",
            ["Auth:SigningKey"] = TestTokens.SigningKey,
        };
        foreach (var (key, value) in rabbit) settings[key] = value;
        if (environment != "Testing")
        {
            settings["Auth:SigningKey"] = null;
            settings["Auth:Authority"] = "https://login.example.invalid";
            settings["Auth:Issuer"] = "https://login.example.invalid";
        }
        return ServiceSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), environment).Broker;
    }

    [Fact]
    public async Task over_tls_with_the_private_ca_care_messages_reach_missing_episodes_and_its_police_alert_reaches_the_force()
    {
        await CareMessageAndAlertArriveAsync(services.Stack, services.Placements, services.Missing, "tls-1");
        // Both buses and the police publisher's own connection came in over TLS: the proxy speaks nothing else.
        Assert.True(services.Proxy.Handshakes >= 3, $"{services.Proxy.Handshakes} TLS handshakes");
    }

    /// <summary>A child entering care is noted by Missing episodes (a care message over the bus), and a report of the
    /// child missing alerts Derbyshire (the police publisher) on <paramref name="police"/> (default the stack's vhost).</summary>
    internal static async Task CareMessageAndAlertArriveAsync<TPlacements, TMissing>(
        ServiceStack stack, WebApplicationFactory<TPlacements> placementsHost, WebApplicationFactory<TMissing> missingHost, string child, Uri? police = null)
        where TPlacements : class where TMissing : class
    {
        await using var derbyshire = await PoliceQueue.BindAsync(police ?? stack.Broker, "derbyshire");
        var placements = placementsHost.CreateClient();
        placements.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("831", Scopes.PlacementsWrite));
        Assert.Equal(HttpStatusCode.Created, (await placements.Post($"/api/children/{child}/entered-care", MissingRequests.EnteredCare("2025-04-10", "DE22 3NE"))).StatusCode);
        var noted = await Eventually.Within(TimeSpan.FromSeconds(30), () => stack.ScalarAsync(
            $"select count(*) from eventstore.mt_events where stream_id = 'missing:{child}' and type = 'missing.care-period-noted.v1'"), n => n > 0);
        Assert.Equal(1, noted);

        var missing = missingHost.CreateClient();
        missing.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("831", Scopes.MissingWrite));
        Assert.Equal(HttpStatusCode.Created, (await missing.Post("/api/missing-episodes", MissingRequests.Report(child, DateTimeOffset.UtcNow.AddHours(-2)))).StatusCode);
        var alerts = await derbyshire.WaitForAsync(r => r.Count >= 1, TimeSpan.FromSeconds(30));
        Assert.True(Assert.Single(alerts).IsAbout(child));
    }

    [Fact]
    public async Task a_broker_certificate_the_client_cannot_verify_is_refused_and_the_settings_are_checked_at_start()
    {
        var through = services.Proxy.Through(services.Stack.Broker).ToString();

        // The private CA and the right name: connects.
        var trusted = Broker("Testing", new() { ["RabbitMq:Uri"] = through, ["RabbitMq:Tls:CaFile"] = services.CaFile });
        Assert.Equal(("localhost", services.CaFile), (trusted.Tls!.ServerName, trusted.Tls.CaFile));
        await using (var connection = await trusted.ConnectionFactory(trusted.VirtualHost, "tls-test").CreateConnectionAsync())
            Assert.True(connection.IsOpen);

        // Without the CA the machine's trust store decides, and it does not know this CA.
        var untrusted = Broker("Testing", new() { ["RabbitMq:Uri"] = through });
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => untrusted.ConnectionFactory(untrusted.VirtualHost, "tls-test").CreateConnectionAsync());
        // The CA but another name than the certificate's: refused, never forgiven by the private CA.
        var otherName = Broker("Testing", new() { ["RabbitMq:Uri"] = through, ["RabbitMq:Tls:CaFile"] = services.CaFile, ["RabbitMq:Tls:ServerName"] = "broker.example.invalid" });
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => otherName.ConnectionFactory(otherName.VirtualHost, "tls-test").CreateConnectionAsync());

        // amqps:// defaults to 5671; TLS settings on amqp:// and plain AMQP outside Development and Testing stop the start.
        Assert.Equal(5671, Broker("Testing", new() { ["RabbitMq:Uri"] = "amqps://broker.example.invalid/" }).Port);
        Assert.Contains("amqps://", Assert.Throws<InvalidOperationException>(() =>
            Broker("Testing", new() { ["RabbitMq:Uri"] = "amqp://127.0.0.1/", ["RabbitMq:Tls:CaFile"] = services.CaFile })).Message);
        Assert.Contains("must be amqps://", Assert.Throws<InvalidOperationException>(() =>
            Broker("Production", new() { ["RabbitMq:Uri"] = "amqp://127.0.0.1/" })).Message);
        Assert.Null(Broker("Production", new() { ["RabbitMq:Uri"] = "amqp://127.0.0.1/", ["RabbitMq:AllowPlainAmqp"] = "true" }).Tls);
        Assert.NotNull(Broker("Production", new() { ["RabbitMq:Uri"] = "amqps://broker.example.invalid/" }).Tls);
    }
}

/// <summary>Placements and Missing episodes on the local broker's own TLS listener (deploy/local/infra.sh), which is how
/// RabbitMQ itself is configured for TLS in production (docs/security.md, "Broker TLS in production"), trusting only
/// the CA infra.sh made and presenting the client certificate the listener asks for.</summary>
public sealed class LocalBrokerTlsServices : IAsyncLifetime
{
    public ServiceStack Stack { get; } = new();
    public LocalTlsListener Listener { get; private set; } = null!;
    public WebApplicationFactory<PlacementsHost> Placements { get; private set; } = null!;
    public WebApplicationFactory<MissingEpisodesHost> Missing { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Stack.InitializeAsync();
        Listener = await TestStack.LocalTlsListenerAsync(Stack.Broker);
        Placements = new ServiceHost<PlacementsHost>(Stack).WithWebHostBuilder(OverTls);
        Missing = new ServiceHost<MissingEpisodesHost>(Stack).WithWebHostBuilder(OverTls);
        _ = Placements.Server;
        _ = Missing.Server;
    }

    private void OverTls(IWebHostBuilder b) => b
        .UseSetting("RabbitMq:Uri", Listener.Broker.ToString())
        .UseSetting("RabbitMq:Tls:CaFile", Listener.CaFile)
        .UseSetting("RabbitMq:Tls:ClientCertificateFile", Listener.ClientCertificateFile)
        .UseSetting("RabbitMq:Tls:ClientCertificatePasswordFile", Listener.ClientCertificatePasswordFile);

    public async Task DisposeAsync()
    {
        await Missing.DisposeAsync();
        await Placements.DisposeAsync();
        await Stack.DisposeAsync();
    }
}

/// <summary>TLS on the broker itself, not a proxy: the local RabbitMQ's TLS listener carries the care messages and the
/// police alerts, and refuses a client that does not trust its CA or presents no certificate of its own.</summary>
public sealed class LocalBrokerTlsTests(LocalBrokerTlsServices services) : IClassFixture<LocalBrokerTlsServices>
{
    [Fact]
    public async Task the_local_brokers_tls_listener_carries_care_messages_and_police_alerts_and_refuses_a_client_without_its_ca_or_a_certificate()
    {
        await BrokerTlsTests.CareMessageAndAlertArriveAsync(services.Stack, services.Placements, services.Missing, "local-tls-1");

        var listener = services.Listener;
        var settings = services.Placements.Services.GetRequiredService<BrokerSettings>();
        Assert.Equal(("amqps", listener.CaFile, listener.ClientCertificateFile),
            (listener.Broker.Scheme, settings.Tls?.CaFile, settings.Tls?.ClientCertificateFile));
        await using (var connection = await settings.ConnectionFactory(settings.VirtualHost, "tls-test").CreateConnectionAsync())
            Assert.True(connection.IsOpen);

        // Trusting the CA but presenting no certificate: the listener refuses (TLS alert "certificate required").
        var anonymous = Settings(new() { ["RabbitMq:Tls:CaFile"] = listener.CaFile });
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => anonymous.ConnectionFactory(anonymous.VirtualHost, "tls-test").CreateConnectionAsync());
        // A certificate but not the CA: the machine's store does not know the broker's, and the client refuses.
        var untrusted = Settings(new()
        {
            ["RabbitMq:Tls:ClientCertificateFile"] = listener.ClientCertificateFile,
            ["RabbitMq:Tls:ClientCertificatePasswordFile"] = listener.ClientCertificatePasswordFile,
        });
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => untrusted.ConnectionFactory(untrusted.VirtualHost, "tls-test").CreateConnectionAsync());
    }

    private BrokerSettings Settings(Dictionary<string, string?> tls)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:EventStore"] = "Host=127.0.0.1",
            ["Auth:SigningKey"] = TestTokens.SigningKey,
            ["RabbitMq:Uri"] = services.Listener.Broker.ToString(),
        };
        foreach (var (key, value) in tls) settings[key] = value;
        return ServiceSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "Testing").Broker;
    }
}
