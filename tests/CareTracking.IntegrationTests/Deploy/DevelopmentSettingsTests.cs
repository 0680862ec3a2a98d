using System.Text.Json;
using CareTracking.Testing;
using Microsoft.Extensions.Configuration;

namespace CareTracking.IntegrationTests.Deploy;

/// <summary>
/// `dotnet run` in Development reads each service's appsettings.Development.json and launchSettings.json. All six
/// settings files were once invalid JSON (quotes inside the "//" note), so every service died at start-up from its
/// folder while CI, which configures services in code, stayed green. Here each file is loaded as the host loads it.
/// </summary>
public sealed class DevelopmentSettingsTests
{
    private static readonly string[] Services = ["Placements", "MissingEpisodes", "Reviews", "Indicators", "Health", "LeavingCare"];

    public static TheoryData<string> Folders() => new(Services);

    private static string Folder(string service) => Path.Combine(TestStack.RepositoryRoot(), "services", $"CareTracking.{service}");

    [Theory]
    [MemberData(nameof(Folders))]
    public void the_development_settings_load_and_point_every_connection_at_the_local_stack(string service)
    {
        var settings = new ConfigurationBuilder()
            .SetBasePath(Folder(service))
            .AddJsonFile("appsettings.Development.json", optional: false)
            .Build();
        // The request role, the migration role and the background role (docs/security.md, "Database roles").
        foreach (var name in new[] { "EventStore", "EventStoreMigration", "EventStoreWorker" })
            Assert.Contains("Port=55432", settings.GetConnectionString(name));
        // The broker over TLS as the local stack uses it (deploy/local/up.sh): its own user, the local CA, its own
        // client certificate (the listener asks for one), which is also its login (EXTERNAL): no password at all.
        var user = new Uri(settings["RabbitMq:Uri"]!).UserInfo;
        Assert.Equal($"amqps://{user}@localhost:56723/", settings["RabbitMq:Uri"]);
        Assert.Equal("../../.local/tls/broker-ca.pem", settings["RabbitMq:Tls:CaFile"]);
        Assert.Equal($"../../.local/tls/clients/{user}.p12", settings["RabbitMq:Tls:ClientCertificateFile"]);
        Assert.Equal($"../../.local/tls/clients/{user}.pass", settings["RabbitMq:Tls:ClientCertificatePasswordFile"]);
        Assert.Equal("True", settings["RabbitMq:Tls:CertificateLogin"]);
        Assert.Null(settings["RabbitMq:PasswordFile"]);
        Assert.False(string.IsNullOrEmpty(settings["Auth:SigningKey"]));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void the_launch_settings_are_json_with_a_development_profile(string service)
    {
        using var launch = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(service), "Properties", "launchSettings.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var profiles = launch.RootElement.GetProperty("profiles").EnumerateObject().ToList();
        Assert.Contains(profiles, p => p.Value.TryGetProperty("environmentVariables", out var env)
            && env.TryGetProperty("ASPNETCORE_ENVIRONMENT", out var value) && value.GetString() == "Development");
    }
}
