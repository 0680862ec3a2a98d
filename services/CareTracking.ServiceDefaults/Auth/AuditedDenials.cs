using CareTracking.ServiceDefaults.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CareTracking.ServiceDefaults.Auth;

/// <summary>
/// A valid token refused a child's record for want of a scope (403) is a denied lookup: it goes in the read audit
/// as "denied:&lt;route&gt;" with the child named in the route, so an admin sees who tried (issue 10, item 8).
/// </summary>
internal sealed class AuditedDenials(ChildReadAudit audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden
            && http.User.FindAll(CallerClaims.AuthorityClaim).Count() == 1
            && http.Request.RouteValues.TryGetValue("childId", out var value) && value is string childId && IsChildId(childId))
        {
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            await audit.RecordAsync(http, childId, $"denied:{http.Request.Method} {route}", http.RequestAborted);
        }
        await standard.HandleAsync(next, http, policy, result);
    }

    private static bool IsChildId(string childId)
    {
        try { ChildIds.Validate(childId); return true; }
        catch (Problems.RuleViolation) { return false; }
    }
}
