using CareTracking.EventStore;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CareTracking.ServiceDefaults.Messaging;

internal static class RabbitMqBus
{
    /// <summary>MassTransit over RabbitMQ at the configured URI, with the service's consumers and retries.</summary>
    public static void AddRabbitMqBus(IServiceCollection services, string serviceName, Action<IBusRegistrationConfigurator>? consumers)
    {
        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName.ToLowerInvariant(), false));
            consumers?.Invoke(bus);
            bus.UsingRabbitMq((context, cfg) =>
            {
                var uri = context.GetRequiredService<ServiceSettings>().RabbitMqUri;
                var userInfo = uri.UserInfo.Split(':', 2);
                var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
                cfg.Host(uri.Host, (ushort)(uri.IsDefaultPort ? 5672 : uri.Port), vhost.Length == 0 ? "/" : vhost, h =>
                {
                    h.Username(Uri.UnescapeDataString(userInfo[0]));
                    h.Password(userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "");
                    h.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                });
                // A database restart must not dead-letter the messages being consumed when it begins: PostgreSQL
                // being away is retried for about 7 minutes in all (the outer policy), anything else five times in
                // about 30 s (the inner one, which leaves database outages to the outer).
                cfg.UseMessageRetry(r =>
                {
                    r.Handle<Exception>(TransientDatabaseErrors.IsTransient);
                    r.Exponential(12, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2));
                });
                cfg.UseMessageRetry(r =>
                {
                    r.Ignore<Exception>(TransientDatabaseErrors.IsTransient);
                    r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(300));
                });
                cfg.ConfigureEndpoints(context);
            });
        });
    }
}
