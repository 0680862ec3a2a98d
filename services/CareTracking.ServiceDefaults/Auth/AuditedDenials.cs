using CareTracking.ServiceDefaults.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CareTracking.ServiceDefaults.Auth;

/// <summary>
/// A valid token refused for want of a scope (403) is a denied lookup: it goes in the read audit as
/// "denied:&lt;method&gt; &lt;route&gt;" with the child named in the route, or <see cref="ChildReadAudit.NoChild"/> when the
/// route names none (an episode, a work list), so an admin sees who tried, by child or by person (issue 10, item 8).
/// </summary>
internal sealed class AuditedDenials(ChildReadAudit audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && http.User.FindAll(CallerClaims.AuthorityClaim).Count() == 1)
        {
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            var child = http.Request.RouteValues.TryGetValue("childId", out var value) && value is string childId && IsChildId(childId)
                ? childId
                : ChildReadAudit.NoChild;
            await audit.RecordAsync(http, child, $"denied:{http.Request.Method} {route}", http.RequestAborted);
        }
        if (result.Forbidden && policy.Requirements.OfType<ScopeRequirement>().Select(r => r.Scope).ToList() is [_, ..] scopes
            && http.User.Identity?.IsAuthenticated == true)
        {
            // Say which scope the token lacks (issue 13): a bare 403 left integrators guessing.
            var held = http.User.FindAll("scope").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().Order();
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "The token lacks a scope this request needs",
                    Detail = $"This request needs the scope {string.Join(" and ", scopes)}; the token carries {(held.Any() ? string.Join(", ", held) : "no scopes")}. Ask for a token with it.",
                    Type = "https://caretracking.example/problems/scope-missing",
                    Extensions = { ["requiredScopes"] = scopes },
                },
            });
            return;
        }
        await standard.HandleAsync(next, http, policy, result);
    }

    private static bool IsChildId(string childId)
    {
        try { ChildIds.Validate(childId); return true; }
        catch (Problems.RuleViolation) { return false; }
    }
}
