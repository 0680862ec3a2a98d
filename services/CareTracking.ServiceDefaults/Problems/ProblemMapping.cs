using System.Text.Json;
using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace CareTracking.ServiceDefaults.Problems;

/// <summary>
/// Maps every exception that reaches the pipeline to one RFC 7807 answer. Domain rule: 422 naming the field
/// and rule. Malformed body: 400 naming the field. Stale version: 412 with If-Match, else 409. An eventId used
/// before for something else: 409. Database or
/// broker unavailable: 503 with Retry-After (never 500). Anything else: 500 without details.
/// </summary>
internal sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = Map(http, exception);
        if (problem.Status >= 500 && problem.Status != StatusCodes.Status503ServiceUnavailable)
            logger.LogError(exception, "Unhandled error on {Method} {Route}", http.Request.Method, http.GetEndpoint()?.DisplayName);
        else if (exception is MessageIdConflictException)
            logger.LogWarning("Message id conflict on {Method} {Route}: a derived message id was already used by a different message; nothing was saved",
                http.Request.Method, http.GetEndpoint()?.DisplayName);
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            logger.LogWarning("Dependency unavailable on {Method} {Route}: {Error}", http.Request.Method, http.GetEndpoint()?.DisplayName, exception.GetType().Name);

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Map(HttpContext http, Exception exception) => exception switch
    {
        RuleViolation v => Problems.Rule(v.Field, v.Rule, v.Detail),
        BadHttpRequestException { InnerException: TextTooLongException tooLong } => Problems.BadField(JsonField(tooLong), "field.too-long", Readable(tooLong, null)),
        BadHttpRequestException { InnerException: JsonException json } => Problems.BadField(JsonField(json), "body.invalid-json", Readable(json, FieldType(http, JsonField(json)))),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "The request body is too large",
            Detail = $"Request bodies hold at most {InputLimits.MaxBodyBytes / 1024} KB.",
            Type = "https://caretracking.example/problems/request.too-large",
        },
        BadHttpRequestException bad => Problems.BadField(null, "request.malformed", bad.Message),
        ConcurrencyException c when http.Request.Headers.IfMatch.Count > 0 => new ProblemDetails
        {
            Status = StatusCodes.Status412PreconditionFailed,
            Title = "The record has changed since the version you sent in If-Match",
            Detail = $"The child's record is at version {c.ActualVersion}; read it again and resend with If-Match: \"{c.ActualVersion}\".",
            Type = "https://caretracking.example/problems/stale-version",
            Extensions = { ["currentVersion"] = c.ActualVersion },
        },
        ConcurrencyException c => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Another change to this record was saved at the same moment",
            Detail = $"The record is now at version {c.ActualVersion}; read it again and resend.",
            Type = "https://caretracking.example/problems/concurrent-change",
            Extensions = { ["currentVersion"] = c.ActualVersion },
        },
        RecordNotFound n => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = $"No such {n.Kind}",
            Detail = n.Message,
            Type = "https://caretracking.example/problems/not-found",
        },
        MessageIdConflictException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "A message this post sends has an id already used by a different message",
            Detail = "Nothing was saved. Resend with a new eventId; if it happens again, report this request's trace id.",
            Type = "https://caretracking.example/problems/message-id-conflict",
        },
        EventIdReusedException reused => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "This eventId was already used",
            Detail = reused.FirstPostedAt is { } at
                ? $"This eventId was already used by a different post, recorded at {at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}; nothing was saved. Send a new eventId for a new fact, or the first post's body to retry it."
                : "This eventId was already used for a different post; nothing was saved. Send a new eventId.",
            Type = "https://caretracking.example/problems/event-id.reused",
            Extensions =
            {
                ["field"] = "eventId", ["rule"] = "event-id.reused",
                ["firstPostedAt"] = reused.FirstPostedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            },
        },
        // A NUL character (\u0000) or text PostgreSQL cannot store: the request's fault, not an outage.
        Npgsql.PostgresException { SqlState: "22P05" or "22021" } => Problems.BadField(null, "text.invalid-character", "The request holds a character that cannot be stored (such as \\u0000)."),
        _ when IsUnavailable(exception) => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Temporarily unavailable",
            Detail = $"A service this request needs is restarting. Nothing was saved; retry after {RetryAfterSeconds} seconds with the same eventId.",
            Type = "https://caretracking.example/problems/unavailable",
        },
        _ => new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "Unexpected error",
            Detail = "The error has been logged with this request's trace id.",
        },
    };

    /// <summary>The database or broker is away (restarting, unreachable, shedding load). A SQL error the server
    /// answered with is not that: it is a defect, answered 500 and logged, never disguised as an outage.</summary>
    private static bool IsUnavailable(Exception e) =>
        e is BrokenCircuitException or TimeoutException or System.Net.Sockets.SocketException
        || (e is Npgsql.NpgsqlException and not Npgsql.PostgresException)
        || TransientDatabaseErrors.IsTransient(e)
        || (e.InnerException is { } inner && IsUnavailable(inner));

    /// <summary>"$.placement.type" → "placement.type"; a missing required property is named from the
    /// serializer's message ("... missing required properties including: 'child'.") under its path.</summary>
    private static string? JsonField(JsonException json)
    {
        var path = json.Path is null or "$" ? null : json.Path.StartsWith("$.") ? json.Path[2..] : json.Path.TrimStart('$');
        var missing = System.Text.RegularExpressions.Regex.Match(json.Message, "missing required properties including: '([^']+)'");
        if (missing.Success)
            path = path is null ? missing.Groups[1].Value : $"{path}.{missing.Groups[1].Value}";
        return path;
    }

    /// <summary>The serializer's message without its position, and without .NET type names ("could not be
    /// converted to System.DateOnly"), which tell a caller how the service is built and nothing it can act on.</summary>
    /// <remarks>The serializer often names the enclosing record ("could not be converted to ...ReviewRequest" for a bad
    /// date), so the expected kind is taken from the field's own type when the path finds it.</remarks>
    private static string Readable(JsonException json, Type? field)
    {
        var message = json.Message.Split(" Path:")[0].Split(". LineNumber")[0];
        var converted = System.Text.RegularExpressions.Regex.Match(message, @"could not be converted to ([\w.`\[\],]+)");
        return !converted.Success ? message
            : field is not null ? $"The value is not {KindOf(field)}."
            : $"The value is not {KindOf(converted.Groups[1].Value)}.";
    }

    /// <summary>The type of the body's field at a path ("placement.distanceMiles", "rows[2].year"), from the
    /// endpoint's request type, or null when the path does not lead to one.</summary>
    private static Type? FieldType(HttpContext http, string? path)
    {
        // The exception handler clears the request's endpoint before handlers run; its feature keeps it.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        var type = endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        if (type is null || path is null) return null;
        foreach (var segment in path.Split('.'))
        {
            var name = segment.Split('[')[0];
            var property = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null) return null;
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (segment.Contains('[') && ElementOf(type) is { } element) type = element;
        }
        return type;
    }

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string KindOf(Type type) =>
        type == typeof(string) ? "text"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.CamelCase.ConvertName(n)))
        : ElementOf(type) is not null ? "a list"
        : KindOf(type.Name);

    private static string KindOf(string type) => type.TrimEnd(']').Split('[', '`')[0].Split('.')[^1] switch
    {
        "String" => "text",
        "DateOnly" => "a date written YYYY-MM-DD",
        "DateTimeOffset" or "DateTime" => CareTracking.ServiceDefaults.Http.InstantConverter.Expected,
        "Int32" or "Int64" or "Int16" => "a whole number",
        "Decimal" or "Double" => "a number",
        "Boolean" => "true or false",
        "Guid" => "a UUID",
        "Nullable" => "of the expected kind",
        var name when name.EndsWith("List", StringComparison.Ordinal) || type.Contains("[]") || type.Contains("IReadOnly") => "a list",
        _ => "an object of the expected shape",
    };
}

public static class Problems
{
    public static ProblemDetails Rule(string field, string rule, string detail) => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "The request breaks a rule",
        Detail = detail,
        Type = $"https://caretracking.example/problems/{rule}",
        Extensions = { ["field"] = field, ["rule"] = rule, ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } },
    };

    public static ProblemDetails BadField(string? field, string rule, string detail) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "The request is not valid",
        Detail = detail,
        Type = $"https://caretracking.example/problems/{rule}",
        Extensions = { ["field"] = field, ["rule"] = rule },
    };
}
