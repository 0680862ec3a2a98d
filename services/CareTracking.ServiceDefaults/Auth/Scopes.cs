using System.Security.Claims;

namespace CareTracking.ServiceDefaults.Auth;

/// <summary>The scopes a client's token can carry, one per kind of client. Reading a service's child-level
/// records is a scope of its own, apart from writing them: a client that only reads is never given write rights.</summary>
public static class Scopes
{
    public const string PlacementsWrite = "placements:write";
    public const string PlacementsRead = "placements:read";
    public const string MissingWrite = "missing:write";
    public const string MissingRead = "missing:read";
    public const string ReviewsWrite = "reviews:write";
    public const string ReviewsRead = "reviews:read";
    public const string HealthWrite = "health:write";
    public const string HealthRead = "health:read";
    public const string LeavingCareWrite = "leavingcare:write";
    public const string LeavingCareRead = "leavingcare:read";
    public const string IndicatorsRead = "indicators:read";
    /// <summary>The statutory returns (903 export and check, Ofsted Annex A lists): child-level, so apart from the
    /// committee's aggregate figures.</summary>
    public const string ReturnsRead = "returns:read";
    /// <summary>An authority's own administration (its reference data). Bound to its authority like every token.</summary>
    public const string Admin = "admin";
    /// <summary>Operations that act on every authority at once (a read-model rebuild): the service operator's,
    /// never an authority's admin.</summary>
    public const string Operator = "operator";
    /// <summary>Subject access and retention (an authority's data protection officer): one child's whole record
    /// across the services, and the retention dry run. Audited with the person who asked.</summary>
    public const string SubjectAccess = "subject-access";
    /// <summary>Erasure (the authority's data protection officer): destroys a child's data key, on request or when the
    /// record is past retention. Irreversible, so apart from <see cref="SubjectAccess"/>, which only reads. Audited.</summary>
    public const string SubjectAccessErase = "subject-access:erase";
    /// <summary>Reading /metrics (Prometheus text): aggregate figures for the people who run the service.</summary>
    public const string OpsMetrics = "ops:metrics";

    public static readonly string[] All =
        [PlacementsWrite, PlacementsRead, MissingWrite, MissingRead, ReviewsWrite, ReviewsRead, HealthWrite, HealthRead, LeavingCareWrite, LeavingCareRead, IndicatorsRead, ReturnsRead, Admin, Operator, OpsMetrics, SubjectAccess, SubjectAccessErase];

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
