using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Health;
using CareTracking.ServiceDefaults.Hosting;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Messaging;
using CareTracking.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareTracking.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Everything a CareTracking service shares: JSON logs without personal data, problem details for every
    /// error, bearer tokens bound to one authority with scope policies, health endpoints, OpenAPI, the event
    /// store with its schema, the outbox relay, projections and MassTransit over RabbitMQ. Settings are read
    /// and validated at start-up (see <see cref="MapServiceDefaults"/>). Each concern lives in its own folder;
    /// the event store's registration is here.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName, Action<ServiceOptions>? configure = null)
    {
        var options = new ServiceOptions();
        configure?.Invoke(options);
        var services = builder.Services;

        JsonLogging.AddJsonLogsWithoutPersonalData(builder);
        Telemetry.Telemetry.AddTelemetry(builder, serviceName);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ServiceSettings.Read(sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().EnvironmentName));

        ProblemResponses.AddProblemResponses(services);
        Authentication.AddTokenAuthentication(services);
        RateLimits.AddRateLimits(services);

        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<ServiceSettings>();
            var registry = new EventTypeRegistry();
            foreach (var assembly in options.EventAssemblies) registry.RegisterAssembly(assembly);
            options.Types?.Invoke(registry);
            return new DocumentStore(new StoreOptions(settings.EventStoreConnection, serviceName, settings.Schema)
            {
                MigrationConnectionString = settings.MigrationConnection,
                WorkerConnectionString = settings.WorkerConnection,
                MaxPoolSize = settings.MaxPoolSize,
                WorkerMaxPoolSize = settings.WorkerMaxPoolSize,
                RequestBudget = settings.RequestBudget,
            }, registry);
        });
        services.AddSingleton<SchemaInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<SchemaInitializer>());
        services.AddSingleton<ChildReadAudit>();
        services.AddSingleton(sp => Privacy.ChildDataKeys.Read(sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().EnvironmentName));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedDenials>();

        services.AddSingleton<BusTransport>();
        services.AddSingleton<AmqpTransport>();
        services.AddSingleton<IOutboxTransport, OutboxTransports>();
        services.AddSingleton<OutboxRelayService>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelayService>());
        services.AddSingleton<ProjectionService>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectionService>());

        RabbitMqBus.AddRabbitMqBus(services, serviceName, options.Consumers);
        HealthEndpoints.AddHealth(services);
        OpenApiDescription.AddOpenApiDescription(services, serviceName, builder.Environment.ApplicationName);
        return builder;
    }

    /// <summary>Validates settings (failing start-up with the missing setting's name), then maps the
    /// middleware and the shared endpoints.</summary>
    /// <param name="app">The service.</param>
    /// <param name="servePublicPages">Serve wwwroot (index.html at /) without a token, for a page that
    /// holds no data itself and calls the API with the token its user gives it.</param>
    public static WebApplication MapServiceDefaults(this WebApplication app, bool servePublicPages = false)
    {
        app.Services.GetRequiredService<ServiceSettings>();
        // The master key too: a missing or development key stops the start, not the first write.
        app.Services.GetRequiredService<Privacy.ChildDataKeys>();

        var environment = app.Environment.EnvironmentName;
        var localOnly = environment is "Development" or "Testing";
        app.UseMiddleware<RequestLog>();
        app.UseExceptionHandler();
        // Requests run as the request role: a background connection (every authority) only where the endpoint says so.
        app.UseWorkerConnectionRefusal();
        app.UseStatusCodePages();
        app.Use((http, next) => SecurityHeaders.Add(http, () => next(http), hsts: !localOnly));
        app.Use((http, next) => InputLimits.BodySize(http, () => next(http)));
        app.Use((http, next) => RequestFingerprint.Buffer(http, () => next(http)));
        // A request that arrives while the schema is still being applied (a fresh start, or a database that
        // came up after the service) waits briefly for it; past that it is a 503 with Retry-After, never a 500.
        app.Use(async (http, next) =>
        {
            var schema = http.RequestServices.GetRequiredService<SchemaInitializer>();
            if (!schema.IsApplied && !http.Request.Path.StartsWithSegments("/health"))
                await schema.Applied.WaitAsync(TimeSpan.FromSeconds(15), http.RequestAborted);
            await next(http);
        });
        OpenApiDescription.UseOpenApiDescription(app, localOnly);
        if (servePublicPages) PublicPages.UsePublicPages(app);
        app.UseAuthentication();
        // After authentication, so writes are counted per authority and client.
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapChildReadAudit();
        app.MapSubjectAccess();
        app.MapErasure();
        HealthEndpoints.MapHealth(app, details: localOnly);
        app.MapOutboxOperations();
        Telemetry.Telemetry.MapMetrics(app);
        return app;
    }
}
