using System.Reflection;
using System.Text.Json;
using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Hosting;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Messaging;
using CareTracking.ServiceDefaults.Problems;
using MassTransit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Microsoft.OpenApi;

namespace CareTracking.ServiceDefaults;

public sealed class ServiceOptions
{
    /// <summary>Assemblies whose [EventType] records this service reads and writes.</summary>
    public List<Assembly> EventAssemblies { get; } = [];
    /// <summary>Upcasters and extra registrations.</summary>
    public Action<EventTypeRegistry>? Types { get; set; }
    /// <summary>MassTransit consumers of integration messages.</summary>
    public Action<IBusRegistrationConfigurator>? Consumers { get; set; }
}

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Everything a CareTracking service shares: JSON logs without personal data, problem details for every
    /// error, bearer tokens bound to one authority with scope policies, health endpoints, OpenAPI, the event
    /// store with its schema, the outbox relay, projections and MassTransit over RabbitMQ. Settings are read
    /// and validated at start-up (see <see cref="MapServiceDefaults"/>).
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName, Action<ServiceOptions>? configure = null)
    {
        var options = new ServiceOptions();
        configure?.Invoke(options);
        var services = builder.Services;

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => { o.IncludeScopes = false; o.UseUtcTimestamp = true; });
        // Request and body logging stay off: bodies carry names and dates of birth. ASP.NET Core's own request
        // lines carry the path, and paths carry child ids (/api/children/C00035): they are replaced by
        // RequestLog, which logs the route template instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ServiceSettings.Read(sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().EnvironmentName));

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
            c.ProblemDetails.Extensions.Remove("exception");
        });
        services.AddExceptionHandler<ProblemMapping>();
        services.ConfigureHttpJsonOptions(o =>
        {
            // A missing required field or a null where none is allowed is a 400 naming the field.
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
            o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new BoundedStringConverter());
        });

        // Outside Development, minimal APIs answer an unreadable body with a bare 400; throwing instead lets
        // ProblemMapping name the field at fault.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<ServiceSettings>((o, settings) => Authentication.Configure(o, settings));
        Authentication.AddScopePolicies(services);

        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<ServiceSettings>();
            var registry = new EventTypeRegistry();
            foreach (var assembly in options.EventAssemblies) registry.RegisterAssembly(assembly);
            options.Types?.Invoke(registry);
            return new DocumentStore(new StoreOptions(settings.EventStoreConnection, serviceName, settings.Schema)
            {
                MigrationConnectionString = settings.MigrationConnection,
            }, registry);
        });
        services.AddSingleton<SchemaInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<SchemaInitializer>());
        services.AddSingleton<ChildReadAudit>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedDenials>();

        services.AddSingleton<BusTransport>();
        services.AddSingleton<AmqpTransport>();
        services.AddSingleton<IOutboxTransport, OutboxTransports>();
        services.AddSingleton<OutboxRelayService>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelayService>());
        services.AddSingleton<ProjectionService>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectionService>());

        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName.ToLowerInvariant(), false));
            options.Consumers?.Invoke(bus);
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

        services.AddHealthChecks()
            .AddCheck<EventStoreHealth>("postgresql", tags: ["ready"])
            .AddCheck<OutboxHealth>("outbox", tags: ["ready"])
            .AddCheck<ProjectionLag>("projections", tags: ["ready"]);

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo { Title = $"CareTracking {serviceName}", Version = "v1" });
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from deploy/local/token.sh AUTHORITY SCOPE...",
            });
            o.AddSecurityRequirement(doc => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", doc)] = [] });
        });
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

        var environment = app.Environment.EnvironmentName;
        var localOnly = environment is "Development" or "Testing";
        app.UseMiddleware<RequestLog>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use((http, next) => SecurityHeaders.Add(http, () => next(http), hsts: !localOnly));
        app.Use((http, next) => InputLimits.BodySize(http, () => next(http)));
        // A request that arrives while the schema is still being applied (a fresh start, or a database that
        // came up after the service) waits briefly for it; past that it is a 503 with Retry-After, never a 500.
        app.Use(async (http, next) =>
        {
            var schema = http.RequestServices.GetRequiredService<SchemaInitializer>();
            if (!schema.IsApplied && !http.Request.Path.StartsWithSegments("/health"))
                await schema.Applied.WaitAsync(TimeSpan.FromSeconds(15), http.RequestAborted);
            await next(http);
        });
        // The API description holds no data, so it is served before authentication; only in Development and
        // Testing, because outside them it maps the attack surface for anyone.
        if (localOnly)
        {
            app.UseSwagger();
            app.UseSwaggerUI();
        }
        if (servePublicPages)
        {
            app.UseDefaultFiles();
            app.UseStaticFiles(new StaticFileOptions
            {
                // The page handles a bearer token: only its own scripts run, and no other site may frame it.
                OnPrepareResponse = file =>
                {
                    file.Context.Response.Headers.ContentSecurityPolicy =
                        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
                    file.Context.Response.Headers.XContentTypeOptions = "nosniff";
                    file.Context.Response.Headers["Referrer-Policy"] = "no-referrer";
                },
            });
        }
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapChildReadAudit();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            // Check descriptions and data (hosts, broker endpoints, errors) only in Development and Testing; an
            // unauthenticated load balancer needs the status and nothing more.
            ResponseWriter = (http, report) => HealthResponse.WriteAsync(http, report, details: localOnly),
        }).AllowAnonymous();

        app.MapOutboxOperations();
        return app;
    }
}

internal sealed class EventStoreHealth(DocumentStore store, SchemaInitializer schema) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!schema.IsApplied) return HealthCheckResult.Unhealthy("event store schema not applied yet");
        try
        {
            await using var conn = await store.DataSource.OpenConnectionAsync(ct);
            await using var cmd = new Npgsql.NpgsqlCommand("select 1", conn);
            await cmd.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable: " + e.GetType().Name);
        }
    }
}

internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext http, HealthReport report, bool details)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => details
                ? (object)new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }
                : new { status = e.Value.Status.ToString() }),
        }, EventTypeRegistry.Json));
    }
}
