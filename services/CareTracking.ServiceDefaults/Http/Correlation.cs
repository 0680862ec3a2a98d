using Microsoft.AspNetCore.Http;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>The correlation id stored with events: the caller's X-Correlation-Id when it is a plain token (at
/// most 64 letters, digits, '-', '_', '.' or ':'), else the request's trace id. Stored for ever beside children's
/// records, so free text (a name, a script, 5 MB) never gets in through a header.</summary>
public static partial class Correlation
{
    public static string IdOf(HttpContext http) =>
        http.Request.Headers["X-Correlation-Id"].FirstOrDefault() is { } given && Plain().IsMatch(given) ? given : http.TraceIdentifier;

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex Plain();
}
