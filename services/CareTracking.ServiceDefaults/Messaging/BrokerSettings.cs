using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;

namespace CareTracking.ServiceDefaults.Messaging;

/// <summary>
/// How a service reaches RabbitMQ: its own broker user (never a shared administrator), the vhost of the services'
/// messages, the police vhost the alerts go to, and TLS.
/// Read from RabbitMq:* at start-up (docs/security.md, "Broker").
/// </summary>
public sealed record BrokerSettings(string Host, int Port, string UserName, string Password, string VirtualHost)
{
    /// <summary>RabbitMq:PoliceVirtualHost: where police alerts are published (police forces' users live there
    /// and see nothing else). Defaults to the services' vhost, for a test or a stack without police users.</summary>
    public string PoliceVirtualHost { get; init; } = VirtualHost;

    /// <summary>TLS, on when RabbitMq:Uri is amqps://.</summary>
    public BrokerTls? Tls { get; init; }

    /// <summary>RabbitMq:HeartbeatSeconds: the AMQP heartbeat both the bus and the police publisher ask for. A
    /// connection that stops carrying data with no FIN or reset (a firewall dropping an idle flow, a cable, a frozen
    /// NAT) is only found by its missing heartbeats: RabbitMQ.Client gives it up after three missed intervals, and
    /// the broker's default of 60 s meant three to four minutes with no consumer or publish getting through.</summary>
    public TimeSpan Heartbeat { get; init; } = DefaultHeartbeat;

    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(10);

    public static BrokerSettings Read(IConfiguration config, Uri uri, bool localOnly)
    {
        var userInfo = uri.UserInfo.Length == 0 ? [] : uri.UserInfo.Split(':', 2);
        var uriUser = userInfo.Length > 0 && userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : null;
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null;
        var tlsSection = config.GetSection("RabbitMq:Tls");
        var certificateLogin = tlsSection["CertificateLogin"] is not { Length: > 0 } login ? false
            : bool.TryParse(login, out var on) ? on
            : throw Refused($"'RabbitMq:Tls:CertificateLogin' must be true or false (was '{login}').");
        // One credential, not two: a password beside the certificate would be a second way in to keep secret and rotate.
        if (certificateLogin && (password is { Length: > 0 } || config["RabbitMq:PasswordFile"] is { Length: > 0 }))
            throw Refused("with 'RabbitMq:Tls:CertificateLogin' the client certificate is the only broker credential; "
                + "remove the password from 'RabbitMq:Uri' and unset 'RabbitMq:PasswordFile'.");
        if (config["RabbitMq:PasswordFile"] is { Length: > 0 } passwordFile)
        {
            if (password is not null)
                throw Refused("give the broker password either in 'RabbitMq:Uri' or in 'RabbitMq:PasswordFile', not both.");
            password = ReadSecret(passwordFile, "RabbitMq:PasswordFile");
        }
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (vhost.Length == 0) vhost = "/";
        var tls = uri.Scheme == "amqps";
        if (!tls && tlsSection.GetChildren().Any(c => !string.Equals(c.Key, "CertificateLogin", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(c.Value)))
            throw Refused("'RabbitMq:Tls:*' is set but 'RabbitMq:Uri' is amqp://; use amqps:// for TLS.");
        if (!tls && certificateLogin)
            throw Refused("'RabbitMq:Tls:CertificateLogin' logs in with the client certificate, which only TLS carries; use amqps:// in 'RabbitMq:Uri'.");
        if (!tls && !localOnly && !string.Equals(config["RabbitMq:AllowPlainAmqp"], "true", StringComparison.OrdinalIgnoreCase))
            throw Refused("outside Development and Testing 'RabbitMq:Uri' must be amqps:// (TLS); set 'RabbitMq:AllowPlainAmqp' "
                + "to true only for a broker reached over a private link that is itself encrypted.");

        var heartbeat = DefaultHeartbeat;
        if (config["RabbitMq:HeartbeatSeconds"] is { Length: > 0 } heartbeatSetting)
            heartbeat = int.TryParse(heartbeatSetting, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && seconds is >= 1 and <= 600
                ? TimeSpan.FromSeconds(seconds)
                : throw Refused($"'RabbitMq:HeartbeatSeconds' must be a whole number of seconds from 1 to 600 (was '{heartbeatSetting}').");

        var clientCertificate = tlsSection["ClientCertificateFile"] is { Length: > 0 } certFile ? RequireFile(certFile, "RabbitMq:Tls:ClientCertificateFile") : null;
        var clientCertificatePassword = tls && tlsSection["ClientCertificatePasswordFile"] is { Length: > 0 } pw
            ? ReadSecret(pw, "RabbitMq:Tls:ClientCertificatePasswordFile") : null;
        var user = uriUser ?? "guest";
        if (certificateLogin)
        {
            if (clientCertificate is null)
                throw Refused("'RabbitMq:Tls:CertificateLogin' logs in with the client certificate: set 'RabbitMq:Tls:ClientCertificateFile' "
                    + "(and 'RabbitMq:Tls:ClientCertificatePasswordFile').");
            // The broker takes the user from the certificate's CN (ssl_cert_login_from = common_name); the messages'
            // user_id, which the broker checks, must be that same name.
            user = CommonName(clientCertificate, clientCertificatePassword);
            if (uriUser is not null && uriUser != user)
                throw Refused($"'RabbitMq:Uri' names the user '{uriUser}' but the client certificate's CN, the user the broker logs "
                    + $"in, is '{user}'; give that user in the URI or none.");
        }
        return new BrokerSettings(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (tls ? 5671 : 5672) : uri.Port, user,
            certificateLogin ? "" : password ?? "guest", vhost)
        {
            PoliceVirtualHost = config["RabbitMq:PoliceVirtualHost"] is { Length: > 0 } police ? police : vhost,
            Heartbeat = heartbeat,
            Tls = tls
                ? new BrokerTls(
                    ServerName: tlsSection["ServerName"] is { Length: > 0 } name ? name : uri.Host,
                    CaFile: tlsSection["CaFile"] is { Length: > 0 } ca ? RequireFile(ca, "RabbitMq:Tls:CaFile") : null,
                    ClientCertificateFile: clientCertificate,
                    ClientCertificatePassword: clientCertificatePassword)
                {
                    CertificateLogin = certificateLogin,
                }
                : null,
        };
    }

    private static string CommonName(string certificateFile, string? password)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(certificateFile, password);
            // The subject's CN itself, as the broker reads it (ssl_cert_login_from = common_name): SimpleName would fall
            // back to an e-mail or DNS name for a certificate without one, and log in as a user the broker never sees.
            var cn = certificate.SubjectName.EnumerateRelativeDistinguishedNames()
                .FirstOrDefault(n => !n.HasMultipleElements && n.GetSingleElementType().Value == "2.5.4.3")?.GetSingleElementValue();
            return cn is { Length: > 0 } ? cn
                : throw Refused($"the client certificate '{certificateFile}' has no CN to log in to the broker with.");
        }
        catch (System.Security.Cryptography.CryptographicException unreadable)
        {
            throw Refused($"cannot read the client certificate '{certificateFile}' ({unreadable.Message.TrimEnd('.')}); "
                + "check 'RabbitMq:Tls:ClientCertificatePasswordFile'.");
        }
    }

    /// <summary>A RabbitMQ.Client connection factory for <paramref name="virtualHost"/> with these credentials and TLS.</summary>
    public ConnectionFactory ConnectionFactory(string virtualHost, string clientName)
    {
        var factory = new ConnectionFactory
        {
            HostName = Host,
            Port = Port,
            UserName = UserName,
            Password = Password,
            VirtualHost = virtualHost,
            ClientProvidedName = clientName,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            RequestedHeartbeat = Heartbeat,
            SocketFactory = BrokerHandshakeDeadline.SocketFactory(BrokerHandshakeDeadline.Deadline),
        };
        if (Tls is { } tls)
        {
            factory.Ssl = new SslOption
            {
                Enabled = true,
                ServerName = tls.ServerName,
                CertificateValidationCallback = tls.Validate,
            };
            if (tls.ClientCertificateFile is not null)
            {
                factory.Ssl.CertPath = tls.ClientCertificateFile;
                factory.Ssl.CertPassphrase = tls.ClientCertificatePassword;
            }
            // SASL EXTERNAL: no password is sent, the broker takes the user from the certificate's CN.
            if (tls.CertificateLogin) factory.AuthMechanisms = [new ExternalMechanismFactory()];
        }
        return factory;
    }

    private static string RequireFile(string path, string setting) =>
        File.Exists(path) ? path : throw Refused($"'{setting}' names '{path}', which does not exist.");

    private static string ReadSecret(string path, string setting) =>
        File.ReadAllText(RequireFile(path, setting)).TrimEnd('\r', '\n');

    private static InvalidOperationException Refused(string why) => new("CareTracking cannot start; " + why);
}

/// <summary>TLS to the broker. <paramref name="CaFile"/> (PEM) is the only trust anchor for the broker's
/// certificate when given (a private CA); otherwise the machine's trust store decides. The host name is always
/// checked against <paramref name="ServerName"/>. A client certificate (PKCS #12) is presented when given.</summary>
public sealed record BrokerTls(string ServerName, string? CaFile, string? ClientCertificateFile, string? ClientCertificatePassword)
{
    /// <summary>RabbitMq:Tls:CertificateLogin: log in as the client certificate's CN (SASL EXTERNAL, RabbitMQ's
    /// rabbitmq_auth_mechanism_ssl), with no password at all.</summary>
    public bool CertificateLogin { get; init; }

    private readonly Lazy<X509Certificate2Collection?> authorities = new(() =>
    {
        if (CaFile is null) return null;
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(CaFile);
        return collection;
    });

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null) return false;
        if (authorities.Value is not { } roots) return errors == SslPolicyErrors.None;
        // A name mismatch is never forgiven; a chain error is re-judged against the private CA alone.
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }
}
