using CareTracking.Testing;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace CareTracking.IntegrationTests.Deploy;

/// <summary>
/// docker-compose.yml as a file (issue 13): no Docker engine runs on the development machines or in CI, so the
/// file is read here as YAML, its anchors and merge keys resolved, and what the docs promise is checked: every
/// service has a health check on /health/ready and a restart policy, Placements starts only once the consumers
/// that need its messages are healthy, and no signing key has a default.
/// </summary>
public sealed class DockerComposeTests
{
    private static readonly string[] AppServices = ["placements", "missing-episodes", "reviews", "indicators", "health", "leaving-care"];
    private static readonly string[] Consumers = ["missing-episodes", "reviews", "health", "leaving-care"];

    private static Dictionary<object, object> Compose()
    {
        var text = File.ReadAllText(Path.Combine(TestStack.RepositoryRoot(), "docker-compose.yml"));
        return new DeserializerBuilder().Build()
            .Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(new StringReader(text))));
    }

    private static Dictionary<object, object> Map(object? node) => Assert.IsType<Dictionary<object, object>>(node);

    private static Dictionary<object, object> Service(string name) => Map(Map(Compose()["services"])[name]);

    [Fact]
    public void every_service_has_a_health_check_on_health_ready_and_a_restart_policy()
    {
        foreach (var name in AppServices)
        {
            var service = Service(name);
            var test = string.Join(" ", Assert.IsType<List<object>>(Map(service["healthcheck"])["test"]));
            Assert.Contains("/health/ready", test);
            Assert.Contains("8080", test);
            Assert.Equal("unless-stopped", service["restart"]);
        }
        foreach (var infra in new[] { "postgres", "rabbitmq" })
        {
            Assert.True(Service(infra).ContainsKey("healthcheck"), infra);
            Assert.Equal("unless-stopped", Service(infra)["restart"]);
        }
    }

    [Fact]
    public void postgresql_allows_the_connections_the_budget_counts_on_and_ends_sessions_idle_in_a_transaction()
    {
        // docs/reliability.md, "Connection budget", and deploy/local/infra.sh's server settings.
        var command = string.Join(" ", Assert.IsType<List<object>>(Service("postgres")["command"]));
        Assert.Contains("max_connections=300", command);
        Assert.Contains("idle_in_transaction_session_timeout=5min", command);
        var infra = File.ReadAllText(Path.Combine(TestStack.RepositoryRoot(), "deploy", "local", "infra.sh"));
        Assert.Contains("max_connections = 300", infra);
        Assert.Contains("idle_in_transaction_session_timeout = '5min'", infra);
    }

    [Fact]
    public void placements_starts_once_the_consumers_of_its_messages_are_healthy()
    {
        var dependsOn = Map(Service("placements")["depends_on"]);
        foreach (var consumer in Consumers)
            Assert.Equal("service_healthy", Map(dependsOn[consumer])["condition"]);
        // And still after the broker users and the database role, as every service.
        Assert.Equal("service_completed_successfully", Map(dependsOn["rabbitmq-users"])["condition"]);
        Assert.Equal("service_completed_successfully", Map(dependsOn["postgres-roles"])["condition"]);
        foreach (var consumer in Consumers)
            Assert.False(Map(Service(consumer)["depends_on"]).ContainsKey("placements"), consumer);
    }

    [Fact]
    public void no_signing_key_has_a_default_and_the_development_key_is_not_in_the_file()
    {
        var developmentKey = File.ReadLines(Path.Combine(TestStack.RepositoryRoot(), "deploy", "local", "dev-signing-key.txt")).First().Trim();
        Assert.DoesNotContain(developmentKey, File.ReadAllText(Path.Combine(TestStack.RepositoryRoot(), "docker-compose.yml")));
        foreach (var name in AppServices)
        {
            var environment = Map(Service(name)["environment"]);
            var key = Assert.IsType<string>(environment["Auth__SigningKey"]);
            // ${VAR:?message}: compose stops when it is unset, instead of falling back to a value.
            Assert.StartsWith("${CARETRACKING_SIGNING_KEY:?", key);
        }
    }

    [Fact]
    public void every_service_reaches_the_broker_over_tls_and_logs_in_with_its_own_client_certificate_and_no_password()
    {
        foreach (var name in AppServices)
        {
            var environment = Map(Service(name)["environment"]);
            Assert.Equal($"amqps://ct-{name}@rabbitmq:5671/", environment["RabbitMq__Uri"]);
            // The certificate is the login (EXTERNAL): no password anywhere, nor the volume the passwords were in.
            Assert.Equal("true", environment["RabbitMq__Tls__CertificateLogin"]);
            Assert.False(environment.ContainsKey("RabbitMq__PasswordFile"), name);
            Assert.DoesNotContain(Assert.IsType<List<object>>(Service(name)["volumes"]), v => ((string)v).StartsWith("brokersecrets:"));
            Assert.Equal("/run/tls/ca.pem", environment["RabbitMq__Tls__CaFile"]);
            Assert.Equal($"/run/tls/clients/ct-{name}.p12", environment["RabbitMq__Tls__ClientCertificateFile"]);
            Assert.Equal($"/run/tls/clients/ct-{name}.pass", environment["RabbitMq__Tls__ClientCertificatePasswordFile"]);
            // Its own volume holds the CA and its own certificate only: the certificates are logins, so no service
            // mounts the volume where all of them are (brokertls), and broker-tls copies each into its service's.
            var volumes = Assert.IsType<List<object>>(Service(name)["volumes"]).Cast<string>().ToList();
            Assert.Contains($"tls-{name}:/run/tls:ro", volumes);
            Assert.DoesNotContain(volumes, v => v.StartsWith("brokertls:", StringComparison.Ordinal));
            Assert.Contains($"tls-{name}:/out/{name}", Assert.IsType<List<object>>(Service("broker-tls")["volumes"]));
            Assert.True(Map(Compose()["volumes"]).ContainsKey($"tls-{name}"), $"tls-{name} is not a declared volume");
            Assert.Equal("service_completed_successfully", Map(Map(Service(name)["depends_on"])["broker-tls"])["condition"]);
            // broker-tls makes a certificate for each service's user.
            Assert.Contains($" ct-{name} ", " " + string.Join(" ", Assert.IsType<List<object>>(Service("broker-tls")["command"])) + " ");
        }
        // The broker's TLS listener, with the certificate made for its compose name, asks every client for a certificate.
        var brokerTls = string.Join(" ", Assert.IsType<List<object>>(Service("broker-tls")["command"]));
        Assert.Contains("make-tls.sh /tls/broker rabbitmq ", brokerTls);
        // Each service's volume gets the CA and that service's certificate and password, nothing else; in brokertls,
        // which the broker mounts, the clients' files are root's alone.
        Assert.Contains("for s in " + string.Join(" ", AppServices) + "; do", brokerTls);
        Assert.Contains("/tls/broker/clients/ct-$$s.p12 /tls/broker/clients/ct-$$s.pass /out/$$s/clients/", brokerTls);
        Assert.Contains("chown -R 0:0 /tls/broker/clients && chmod 700 /tls/broker/clients", brokerTls);
        Assert.DoesNotContain("clients/*.p12", brokerTls);
        Assert.Contains("./deploy/docker/rabbitmq-tls.conf:/etc/rabbitmq/conf.d/20-tls.conf:ro", Assert.IsType<List<object>>(Service("rabbitmq")["volumes"]));
        var conf = File.ReadAllText(Path.Combine(TestStack.RepositoryRoot(), "deploy", "docker", "rabbitmq-tls.conf"));
        Assert.Contains("listeners.ssl.default = 5671", conf);
        Assert.Contains("ssl_options.verify = verify_peer", conf);
        Assert.Contains("ssl_options.fail_if_no_peer_cert = true", conf);

        // The broker takes the user from the certificate's CN, and the services' users have no password to log in with.
        foreach (var line in new[] { "auth_mechanisms.3 = EXTERNAL", "ssl_cert_login_from = common_name" })
        {
            Assert.Contains(line, conf);
            Assert.Contains(line, File.ReadAllText(Path.Combine(TestStack.RepositoryRoot(), "deploy", "local", "infra.sh")));
        }
        Assert.Contains("./deploy/docker/enabled_plugins:/etc/rabbitmq/enabled_plugins:ro", Assert.IsType<List<object>>(Service("rabbitmq")["volumes"]));
        var plugins = File.ReadAllText(Path.Combine(TestStack.RepositoryRoot(), "deploy", "docker", "enabled_plugins")).Trim();
        Assert.Equal("[rabbitmq_management,rabbitmq_prometheus,rabbitmq_auth_mechanism_ssl].", plugins);
        Assert.Contains("CT_BROKER_CERTIFICATE_LOGIN=true bash /deploy/local/broker-users.sh apply",
            string.Join(" ", Assert.IsType<List<object>>(Service("rabbitmq-users")["command"])));
    }
}
