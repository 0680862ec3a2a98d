using System.Text.Json.Nodes;
using CareTracking.ServiceDefaults.Http;

namespace CareTracking.ServiceDefaults.OpenApi;

/// <summary>The shape of every error answer (RFC 9457 problem details), as the document describes it. Only
/// <see cref="Problems"/> and the pipeline write them; this type is the contract's picture of what they write.</summary>
/// <param name="Type">A URI naming the kind of problem; its last segment is the rule (e.g. .../problems/placement.age-limit).</param>
/// <param name="Field">The request field at fault, as sent (e.g. "placement.type"), when one is.</param>
/// <param name="Rule">A stable identifier of the rule broken: act on this, not on the wording.</param>
/// <param name="Errors">The same, keyed by field, for clients that read validation errors that way (422).</param>
/// <param name="CurrentVersion">On 409 and 412: the record's version now.</param>
/// <param name="FirstPostedAt">On 409 event-id.reused: when the first post with this eventId was recorded.</param>
/// <param name="RequiredScopes">On 403: the scopes this operation needs.</param>
/// <param name="RetryAfterSeconds">On 429: as Retry-After.</param>
public sealed record Problem(string Type, string Title, int Status, string? Detail = null, string? TraceId = null,
    string? Field = null, string? Rule = null, IReadOnlyDictionary<string, string[]>? Errors = null, long? CurrentVersion = null,
    string? FirstPostedAt = null, IReadOnlyList<string>? RequiredScopes = null, int? RetryAfterSeconds = null);

/// <summary>One example of each error answer, as the pipeline writes it (ProblemMapping, AuditedDenials,
/// RateLimits, the 415 customisation).</summary>
internal static class ProblemExamples
{
    private const string Base = "https://caretracking.example/problems/";
    private const string TraceId = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

    public static (string Description, JsonNode Example) For(int status, bool hasBody, IReadOnlyList<string> scopes, bool write = true) => status switch
    {
        400 => ("The request cannot be read: a field is not of its type or format (named in `field`), a required field is missing, or an unknown field was sent.",
            Example(hasBody ? "body.invalid-json" : "request.malformed", "The request is not valid", 400,
                hasBody ? "The value is not a date written YYYY-MM-DD." : "A query or path value is not of its type.",
                field: hasBody ? "date" : null)),
        401 => ("No bearer token, or one that is expired, not signed by the issuer or not for this service.",
            Node(new { type = "https://tools.ietf.org/html/rfc9110#section-15.5.2", title = "Unauthorized", status = 401, traceId = TraceId })),
        403 => ("The token lacks the scope this operation needs (`requiredScopes`).",
            Node(new
            {
                type = Base + "scope-missing", title = "The token lacks a scope this request needs", status = 403,
                detail = $"This request needs the scope {string.Join(" and ", scopes)}; the token carries {OtherScope(scopes)}. Ask for a token with it.",
                requiredScopes = scopes, traceId = TraceId,
            })),
        404 => ("No such record in the token's authority.",
            Example("not-found", "No such child", 404, "No child 'C1001' is recorded for this authority.")),
        409 => ("The eventId was already used for a different post (`event-id.reused`, nothing saved; `firstPostedAt` says when), "
            + "or another change to the record was saved at the same moment (`concurrent-change`: read again and resend).",
            Node(new
            {
                type = Base + "event-id.reused", title = "This eventId was already used", status = 409,
                detail = "This eventId was already used by a different post, recorded at 2025-06-02T09:15:00Z; nothing was saved. Send a new eventId for a new fact, or the first post's body to retry it.",
                field = "eventId", rule = "event-id.reused", firstPostedAt = "2025-06-02T09:15:00.000Z", traceId = TraceId,
            })),
        412 => ("If-Match named a version the record has moved on from: read it again (its ETag) and resend.",
            Node(new
            {
                type = Base + "stale-version", title = "The record has changed since the version you sent in If-Match", status = 412,
                detail = "The child's record is at version 4; read it again and resend with If-Match: \"4\".", currentVersion = 4, traceId = TraceId,
            })),
        413 => ("The body is over the size limit.",
            Example("request.too-large", "The request body is too large", 413, $"Request bodies hold at most {InputLimits.MaxBodyBytes / 1024} KB.")),
        415 => ("The body was not sent as JSON.",
            Example("request.unsupported-media-type", "The body must be JSON", 415, "Send the body as JSON with the header Content-Type: application/json.")),
        422 => ("The request is well formed but breaks a rule (named in `rule`, the field in `field`); nothing was recorded.",
            Node(new
            {
                type = Base + "child-id.format", title = "The request breaks a rule", status = 422,
                detail = "A child id is 1 to 64 letters, digits, '-' or '_'.", field = "childId", rule = "child-id.format",
                errors = new Dictionary<string, string[]> { ["childId"] = ["A child id is 1 to 64 letters, digits, '-' or '_'."] }, traceId = TraceId,
            })),
        429 when write => ("This client has sent more writes than the service takes at once; nothing was stored. Retry after Retry-After seconds.",
            Node(new
            {
                type = Base + "rate-limited", title = "Too many writes", status = 429,
                detail = "This client of authority 831 has sent more writes than the service takes at once; nothing was stored. Retry after 1 s.",
                retryAfterSeconds = 1, traceId = TraceId,
            })),
        429 => ("This client has sent more reads than the service answers at once. Retry after Retry-After seconds.",
            Node(new
            {
                type = Base + "rate-limited", title = "Too many reads", status = 429,
                detail = "This client of authority 831 has sent more reads than the service answers at once. Retry after 1 s.",
                retryAfterSeconds = 1, traceId = TraceId,
            })),
        503 => ("The database or the broker is restarting; nothing was saved. Retry after Retry-After seconds, with the same eventId.",
            Example("unavailable", "Temporarily unavailable", 503,
                "A service this request needs is restarting. Nothing was saved; retry after 5 seconds with the same eventId.")),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No example for this status."),
    };

    private static string OtherScope(IReadOnlyList<string> scopes) =>
        scopes.FirstOrDefault() is { } scope && scope.EndsWith(":write", StringComparison.Ordinal) ? scope.Replace(":write", ":read") : "no scopes";

    private static JsonNode Example(string rule, string title, int status, string detail, string? field = null) =>
        Node(field is null
            ? new { type = Base + rule, title, status, detail, traceId = TraceId } as object
            : new { type = Base + rule, title, status, detail, field, rule, traceId = TraceId });

    private static JsonNode Node(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value)!;
}
