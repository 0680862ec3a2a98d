using System.Security.Claims;

namespace CareTracking.ServiceDefaults.Auth;

/// <summary>The scopes a client's token can carry, one per kind of client.</summary>
public static class Scopes
{
    public const string PlacementsWrite = "placements:write";
    public const string MissingWrite = "missing:write";
    public const string ReviewsWrite = "reviews:write";
    public const string ReviewsRead = "reviews:read";
    public const string HealthWrite = "health:write";
    public const string HealthRead = "health:read";
    public const string IndicatorsRead = "indicators:read";
    public const string Admin = "admin";

    public static readonly string[] All = [PlacementsWrite, MissingWrite, ReviewsWrite, ReviewsRead, HealthWrite, HealthRead, IndicatorsRead, Admin];

    /// <summary>The authorization policy name for a scope (the scope itself).</summary>
    public static string Policy(string scope) => scope;
}

public static class CallerClaims
{
    /// <summary>The claim that binds a token to one authority (LA code).</summary>
    public const string AuthorityClaim = "authority";

    /// <summary>The authority whose data this request may touch. Endpoints never take it from the URL or body.</summary>
    public static string Authority(this ClaimsPrincipal user) =>
        user.FindFirstValue(AuthorityClaim)
        ?? throw new InvalidOperationException("An authenticated request without an authority claim reached an endpoint.");

    /// <summary>The acting client, stored with every event and in the audit log.</summary>
    public static string Client(this ClaimsPrincipal user) =>
        user.FindFirstValue("client_id") ?? user.FindFirstValue("sub") ?? "unknown";

    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.FindAll("scope").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Contains(scope);
}
