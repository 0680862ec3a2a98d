using CareTracking.ServiceDefaults.Messaging;
using Microsoft.Extensions.Configuration;

namespace CareTracking.ServiceDefaults;

/// <summary>Settings every service needs, read and validated once at start-up.</summary>
public sealed record ServiceSettings(string EventStoreConnection, Uri RabbitMqUri, AuthSettings Auth, string Schema)
{
    /// <summary>ConnectionStrings:EventStoreMigration, optional: a privileged connection that applies the schema
    /// while the service connects as a restricted role (row-level security binds it to one authority).</summary>
    public string? MigrationConnection { get; init; }

    /// <summary>ConnectionStrings:EventStoreWorker, optional: the background role (feed, projections, outbox relay),
    /// the only one that may see every authority. Unset: the request role does that work too.</summary>
    public string? WorkerConnection { get; init; }

    /// <summary>EventStore:MaxPoolSize and EventStore:WorkerMaxPoolSize: the request and background pools' Max Pool
    /// Size (docs/reliability.md, "Connection budget").</summary>
    public int MaxPoolSize { get; init; } = CareTracking.EventStore.StoreOptions.DefaultMaxPoolSize;
    public int WorkerMaxPoolSize { get; init; } = CareTracking.EventStore.StoreOptions.DefaultWorkerMaxPoolSize;

    /// <summary>EventStore:RequestBudgetSeconds (default 30): the longest a request's database work may take, retries
    /// included, before it answers 503 with Retry-After.</summary>
    public TimeSpan RequestBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The broker user, vhosts, TLS and trusted publishers (RabbitMq:*).</summary>
    public BrokerSettings Broker { get; init; } = null!;

    /// <summary>The issuer of deploy/local/token.sh's development tokens.</summary>
    public const string DevelopmentIssuer = "caretracking-dev";

    /// <summary>SHA-256 of the committed development signing key (deploy/local/dev-signing-key.txt): anyone with
    /// the repository has it, so outside Development a service that is given it refuses to start.</summary>
    const string DevelopmentKeySha256 = "c87476a91ece675ce46203c3093170cbfc8957e4f24231c44bd1c06569510951";

    /// <summary>Reads and validates the settings. <paramref name="environment"/> is the host's environment name:
    /// Development and Testing may verify tokens with a shared key and the development issuer; anywhere else
    /// tokens come from an OpenID Connect authority (asymmetric keys from its discovery document, over HTTPS).</summary>
    public static ServiceSettings Read(IConfiguration config, string environment)
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
        var signingKey = string.IsNullOrWhiteSpace(config["Auth:SigningKey"]) ? null : config["Auth:SigningKey"];
        var issuerUrl = string.IsNullOrWhiteSpace(config["Auth:Authority"]) ? null : config["Auth:Authority"];
        if (signingKey is null && issuerUrl is null)
            missing.Add("'Auth:SigningKey' (environment variable Auth__SigningKey) or 'Auth:Authority': how bearer tokens are verified");
        if (missing.Count > 0)
            throw new InvalidOperationException("CareTracking cannot start; missing setting(s):\n  " + string.Join("\n  ", missing));

        if (!Uri.TryCreate(amqp, UriKind.Absolute, out var amqpUri) || amqpUri.Scheme is not ("amqp" or "amqps"))
            throw new InvalidOperationException($"CareTracking cannot start; setting 'RabbitMq:Uri' must be an amqp:// URI.");
        if (signingKey is { Length: < 32 })
            throw new InvalidOperationException("CareTracking cannot start; setting 'Auth:SigningKey' must be at least 32 characters.");

        var development = environment == "Development";
        var localOnly = development || environment == "Testing";
        var issuer = string.IsNullOrWhiteSpace(config["Auth:Issuer"]) ? null : config["Auth:Issuer"];
        if (!development && signingKey is not null && IsDevelopmentKey(signingKey))
            throw new InvalidOperationException($"CareTracking cannot start; 'Auth:SigningKey' is the development key committed in "
                + $"deploy/local/dev-signing-key.txt, which is refused outside Development (environment '{environment}').");
        if (!localOnly)
        {
            if (signingKey is not null || issuerUrl is null)
                throw new InvalidOperationException($"CareTracking cannot start; outside Development and Testing (environment '{environment}') "
                    + "tokens are verified with the keys of an OpenID Connect authority: set 'Auth:Authority' (environment variable Auth__Authority) "
                    + "and remove 'Auth:SigningKey'.");
            if (issuer is null or DevelopmentIssuer)
                throw new InvalidOperationException($"CareTracking cannot start; outside Development and Testing 'Auth:Issuer' must name the "
                    + $"production token issuer (it is '{issuer ?? "unset"}').");
        }

        var maxLifetime = TimeSpan.FromHours(1);
        if (config["Auth:MaxTokenLifetime"] is { Length: > 0 } lifetime
            && (!TimeSpan.TryParse(lifetime, System.Globalization.CultureInfo.InvariantCulture, out maxLifetime) || maxLifetime <= TimeSpan.Zero))
            throw new InvalidOperationException("CareTracking cannot start; setting 'Auth:MaxTokenLifetime' must be a positive time span such as 01:00:00.");

        int Positive(string key, int fallback, int max) =>
            config[key] is not { Length: > 0 } text ? fallback
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max ? n
            : throw new InvalidOperationException($"CareTracking cannot start; setting '{key}' must be a whole number from 1 to {max}.");
        var maxPoolSize = Positive("EventStore:MaxPoolSize", CareTracking.EventStore.StoreOptions.DefaultMaxPoolSize, 1000);
        var workerMaxPoolSize = Positive("EventStore:WorkerMaxPoolSize", CareTracking.EventStore.StoreOptions.DefaultWorkerMaxPoolSize, 1000);
        var requestBudget = TimeSpan.FromSeconds(Positive("EventStore:RequestBudgetSeconds", 30, 600));

        return new ServiceSettings(db!, amqpUri,
            new AuthSettings(
                Issuer: issuer ?? DevelopmentIssuer,
                Audience: config["Auth:Audience"] ?? "caretracking",
                SigningKey: signingKey,
                Authority: issuerUrl)
            {
                MaxTokenLifetime = maxLifetime,
                RequireHttpsMetadata = !localOnly,
            },
            Schema: config["EventStore:Schema"] ?? "eventstore")
        {
            MigrationConnection = string.IsNullOrWhiteSpace(config["ConnectionStrings:EventStoreMigration"]) ? null : config["ConnectionStrings:EventStoreMigration"],
            WorkerConnection = string.IsNullOrWhiteSpace(config["ConnectionStrings:EventStoreWorker"]) ? null : config["ConnectionStrings:EventStoreWorker"],
            Broker = BrokerSettings.Read(config, amqpUri, localOnly),
            MaxPoolSize = maxPoolSize,
            WorkerMaxPoolSize = workerMaxPoolSize,
            RequestBudget = requestBudget,
        };
    }

    private static bool IsDevelopmentKey(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))) == DevelopmentKeySha256;
}

public sealed record AuthSettings(string Issuer, string Audience, string? SigningKey, string? Authority)
{
    /// <summary>Auth:MaxTokenLifetime (default one hour): a token valid for longer (expiry minus issue time) is
    /// refused, so a leaked or mis-issued long-lived token is not a standing key to children's records.</summary>
    public TimeSpan MaxTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The OpenID Connect discovery document and keys only over HTTPS, except in Development and Testing.</summary>
    public bool RequireHttpsMetadata { get; init; } = true;
}
