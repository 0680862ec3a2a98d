using Microsoft.Extensions.Configuration;

namespace CareTracking.ServiceDefaults;

/// <summary>Settings every service needs, read and validated once at start-up.</summary>
public sealed record ServiceSettings(string EventStoreConnection, Uri RabbitMqUri, AuthSettings Auth, string Schema)
{
    /// <summary>ConnectionStrings:EventStoreMigration, optional: a privileged connection that applies the schema
    /// while the service connects as a restricted role (row-level security binds it to one authority).</summary>
    public string? MigrationConnection { get; init; }

    public static ServiceSettings Read(IConfiguration config)
    {
        var missing = new List<string>();
        string? Get(string key, string help)
        {
            var value = config[key];
            if (string.IsNullOrWhiteSpace(value)) missing.Add($"'{key}' (environment variable {key.Replace(":", "__")}): {help}");
            return value;
        }

        var db = Get("ConnectionStrings:EventStore", "the PostgreSQL connection string of the event store");
        var amqp = Get("RabbitMq:Uri", "the AMQP URI of RabbitMQ, e.g. amqp://guest:guest@127.0.0.1:56720/");
        var signingKey = config["Auth:SigningKey"];
        var issuerUrl = config["Auth:Authority"];
        if (string.IsNullOrWhiteSpace(signingKey) && string.IsNullOrWhiteSpace(issuerUrl))
            missing.Add("'Auth:SigningKey' (environment variable Auth__SigningKey) or 'Auth:Authority': how bearer tokens are verified");
        if (missing.Count > 0)
            throw new InvalidOperationException("CareTracking cannot start; missing setting(s):\n  " + string.Join("\n  ", missing));

        if (!Uri.TryCreate(amqp, UriKind.Absolute, out var amqpUri) || amqpUri.Scheme is not ("amqp" or "amqps"))
            throw new InvalidOperationException($"CareTracking cannot start; setting 'RabbitMq:Uri' must be an amqp:// URI.");
        if (signingKey is { Length: < 32 })
            throw new InvalidOperationException("CareTracking cannot start; setting 'Auth:SigningKey' must be at least 32 characters.");

        return new ServiceSettings(db!, amqpUri,
            new AuthSettings(
                Issuer: config["Auth:Issuer"] ?? "caretracking-dev",
                Audience: config["Auth:Audience"] ?? "caretracking",
                SigningKey: string.IsNullOrWhiteSpace(signingKey) ? null : signingKey,
                Authority: string.IsNullOrWhiteSpace(issuerUrl) ? null : issuerUrl),
            Schema: config["EventStore:Schema"] ?? "eventstore")
        {
            MigrationConnection = string.IsNullOrWhiteSpace(config["ConnectionStrings:EventStoreMigration"]) ? null : config["ConnectionStrings:EventStoreMigration"],
        };
    }
}

public sealed record AuthSettings(string Issuer, string Audience, string? SigningKey, string? Authority);
