using System.Net.Http.Headers;
using System.Text;
using CareTracking.Health;
using CareTracking.Health.WorkLists;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.MissingEpisodes;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.Reviews;
using CareTracking.Reviews.WorkLists;
using CareTracking.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RabbitMQ.Client;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// The class's own database, services vhost and police vhost, with the broker users deploy/local/broker-users.sh
/// makes (its `apply` from deploy/broker/permissions.txt, and `onboard-force` for Derbyshire and Leicestershire),
/// under a user-name prefix of this run's own; Placements, Missing episodes and Reviews run each as its own user.
/// Everything made here is deleted afterwards.
/// </summary>
public sealed class BrokerUsersStack : ServiceStack, IAsyncLifetime
{
    public string Prefix { get; } = $"ct-t{Guid.NewGuid():N}"[..12] + "-";
    public string PoliceVhost { get; private set; } = "";
    public string ServicesVhost => Uri.UnescapeDataString(Broker.AbsolutePath.TrimStart('/'));
    private readonly string secrets = Path.Combine(Path.GetTempPath(), "ct-broker-secrets-" + Guid.NewGuid().ToString("N"));
    private (Uri Url, string Admin) management;
    private readonly List<IAsyncDisposable> started = [];

    public WebApplicationFactory<PlacementsHost> Placements { get; private set; } = null!;
    public WebApplicationFactory<MissingEpisodesHost> Missing { get; private set; } = null!;
    public WebApplicationFactory<ReviewsHost> Reviews { get; private set; } = null!;
    public WebApplicationFactory<HealthHost> Health { get; private set; } = null!;
    public WebApplicationFactory<IndicatorsHost> Indicators { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        PoliceVhost = Uri.UnescapeDataString((await TestStack.CreateVirtualHostAsync("ct-police")).AbsolutePath.TrimStart('/'));
        management = await TestStack.BrokerManagementAsync();
        await ScriptAsync("apply");
        await ScriptAsync("onboard-force", "derbyshire");
        await ScriptAsync("onboard-force", "leicestershire");

        Placements = As<PlacementsHost>("placements");
        Missing = As<MissingEpisodesHost>("missing-episodes");
        Reviews = As<ReviewsHost>("reviews");
        Health = As<HealthHost>("health");
        Indicators = As<IndicatorsHost>("indicators");
    }

    /// <summary>A service started as its own broker user, with the settings a deployment gives it.</summary>
    private WebApplicationFactory<T> As<T>(string service) where T : class
    {
        var user = User(service);
        var host = new ServiceHost<T>(this).WithWebHostBuilder(b => b
            .UseSetting("RabbitMq:Uri", new UriBuilder(Broker) { UserName = Uri.EscapeDataString(user), Password = "" }.Uri.ToString())
            .UseSetting("RabbitMq:PasswordFile", Path.Combine(secrets, user))
            .UseSetting("RabbitMq:PoliceVirtualHost", PoliceVhost));
        _ = host.Server;
        started.Add(host);
        return host;
    }

    /// <summary>The broker user of a service (as in permissions.txt) or of a force ("police-derbyshire").</summary>
    public string User(string name) => Prefix + (name.StartsWith("police-") ? name : "ct-" + name);

    public string Password(string user) => File.ReadAllText(Path.Combine(secrets, user)).Trim();

    /// <summary>The services' vhost as <paramref name="user"/> (with its password), for a MassTransit bus of a test's own.</summary>
    public Uri ServicesAs(string user) => new UriBuilder(Broker) { UserName = Uri.EscapeDataString(user), Password = Uri.EscapeDataString(Password(user)) }.Uri;

    /// <summary>A connection as <paramref name="user"/> to a vhost of this class.</summary>
    public Task<IConnection> ConnectAsync(string user, string vhost) =>
        new ConnectionFactory
        {
            HostName = Broker.Host, Port = Broker.Port, VirtualHost = vhost, UserName = user, Password = Password(user),
            AutomaticRecoveryEnabled = false,
        }.CreateConnectionAsync();

    private async Task ScriptAsync(params string[] args)
    {
        var script = Path.Combine(TestStack.RepositoryRoot(), "deploy", "local", "broker-users.sh");
        var (code, output) = await TestStack.RunAsync("bash", [script, .. args], new Dictionary<string, string>
        {
            ["CT_RMQ_MGMT_URL"] = management.Url.ToString().TrimEnd('/'),
            ["CT_RMQ_ADMIN"] = management.Admin,
            ["CT_BROKER_SERVICES_VHOST"] = ServicesVhost,
            ["CT_BROKER_POLICE_VHOST"] = PoliceVhost,
            ["CT_BROKER_SECRETS"] = secrets,
            ["CT_BROKER_USER_PREFIX"] = Prefix,
        }, TimeSpan.FromMinutes(2));
        if (code != 0) throw new InvalidOperationException($"broker-users.sh {string.Join(' ', args)} failed ({code}): {output}");
    }

    public override async Task DisposeAsync()
    {
        foreach (var host in started) await host.DisposeAsync();
        await base.DisposeAsync();
        await TestStack.DeleteVirtualHostAsync(new UriBuilder(Broker) { Path = "/" + PoliceVhost }.Uri);
        // Users are broker-wide: delete every one this class made.
        using var http = new HttpClient { BaseAddress = management.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(management.Admin)));
        if (Directory.Exists(secrets))
        {
            foreach (var file in Directory.GetFiles(secrets))
            {
                var user = Path.GetFileName(file);
                if (user.StartsWith(Prefix)) await http.DeleteAsync($"/api/users/{Uri.EscapeDataString(user)}");
            }
            Directory.Delete(secrets, true);
        }
    }
}
