using CareTracking.EventStore;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CareTracking.ServiceDefaults.Messaging;

internal static class RabbitMqBus
{
    /// <summary>MassTransit over RabbitMQ as the service's own broker user, with the service's consumers and retries.</summary>
    public static void AddRabbitMqBus(IServiceCollection services, string serviceName, Action<IBusRegistrationConfigurator>? consumers)
    {
        services.AddSingleton(sp => sp.GetRequiredService<ServiceSettings>().Broker);
        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName.ToLowerInvariant(), false));
            // MassTransit 8.4+ posts "anonymous usage telemetry" (bus, endpoint and consumer names) to its vendor
            // unless told not to: nothing about a council's deployment leaves it without a decision to send it.
            bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            consumers?.Invoke(bus);
            // Nobody consumes Fault<T>, and publishing one would need rights on MassTransit's fault exchanges that
            // a consumer's broker user does not have: the failed message itself goes to the <queue>_error queue.
            bus.AddConfigureEndpointsCallback((_, endpoint) => endpoint.PublishFaults = false);
            bus.UsingRabbitMq((context, cfg) =>
            {
                var broker = context.GetRequiredService<BrokerSettings>();
                cfg.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, h =>
                {
                    h.Username(broker.UserName);
                    h.Password(broker.Password);
                    h.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                    // Not the broker's 60 s: a silent network cut is found only by missing heartbeats (BrokerSettings).
                    h.Heartbeat(broker.Heartbeat);
                    // Called before every connect: a broker that accepts the connection and never answers must not
                    // hold the bus's connect for good (BrokerHandshakeDeadline).
                    h.OnRefreshConnectionFactory = factory =>
                    {
                        factory.SocketFactory = BrokerHandshakeDeadline.SocketFactory(BrokerHandshakeDeadline.Deadline);
                        return Task.CompletedTask;
                    };
                    if (broker.Tls is { } tls)
                        h.UseSsl(s =>
                        {
                            s.ServerName = tls.ServerName;
                            s.CertificateValidationCallback = tls.Validate;
                            if (tls.ClientCertificateFile is not null)
                            {
                                s.CertificatePath = tls.ClientCertificateFile;
                                s.CertificatePassphrase = tls.ClientCertificatePassword;
                            }
                            // SASL EXTERNAL: the broker logs the bus in as the certificate's CN (BrokerSettings).
                            s.UseCertificateAsAuthenticationIdentity = tls.CertificateLogin;
                        });
                });
                // A contract message is believed only from its contract's exchange, which only its owner may write.
                cfg.UseConsumeFilter(typeof(SourceCheck.Filter<>), context);
                // A database restart must not dead-letter the messages being consumed when it begins: PostgreSQL
                // being away is retried for about 7 minutes in all (the outer policy), anything else five times in
                // about 30 s (the inner one, which leaves database outages to the outer). A message from the wrong
                // source is not retried at all.
                cfg.UseMessageRetry(r =>
                {
                    r.Handle<Exception>(TransientDatabaseErrors.IsTransient);
                    r.Exponential(12, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2));
                });
                cfg.UseMessageRetry(r =>
                {
                    r.Ignore<Exception>(TransientDatabaseErrors.IsTransient);
                    r.Ignore<UntrustedMessageException>();
                    r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(300));
                });
                cfg.ConfigureEndpoints(context);
            });
        });
    }
}
