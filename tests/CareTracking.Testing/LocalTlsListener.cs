namespace CareTracking.Testing;

/// <summary>The local broker's TLS listener (deploy/local/infra.sh): its address for the test's vhost, the CA clients
/// trust, and the client certificate (PKCS #12) with its password file that the listener asks for.</summary>
public sealed record LocalTlsListener(Uri Broker, string CaFile, string ClientCertificateFile, string ClientCertificatePasswordFile);
