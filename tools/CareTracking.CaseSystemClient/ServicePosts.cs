using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CareTracking.CaseSystemClient;

/// <summary>How long a post may be retried.</summary>
/// <param name="CareDeadline">Until when a post that needs Placements' care-period message (202 awaiting care
/// confirmation, or 422 with a "not looked after" rule) is retried, since the message may not have arrived yet.</param>
/// <param name="TransientDeadline">Until when 503, 409 (a concurrent writer to the same stream) and 429 are retried.</param>
public sealed record RetryWindow(DateTime CareDeadline, DateTime TransientDeadline)
{
    public static RetryWindow For(TimeSpan wait) => new(DateTime.UtcNow + wait, DateTime.UtcNow + wait);
}

/// <summary>A service's final answer to a post. <see cref="Rule"/>, <see cref="Field"/> and <see cref="Detail"/>
/// come from the RFC 7807 problem when the service refused it.</summary>
public sealed record PostOutcome(HttpStatusCode Status, string Body, string? Field, string? Rule, string? Detail)
{
    /// <summary>200 (a repeat, appended nothing), 201, or 202 (kept, awaiting care confirmation).</summary>
    public bool Accepted => Status is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted;
}

/// <summary>
/// One post to a service, retried while the answer may change: a post that needs a care-period message the
/// service has not received yet, or a transient refusal. Every retry sends the same body with the same event id,
/// so it is never a second event.
/// </summary>
public static class ServicePosts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Rules that mean "Placements' message has not reached this service yet", not a wrong post.</summary>
    public static readonly IReadOnlySet<string> CareNotYetKnown = new HashSet<string> { "child.not-in-care", "review.not-looked-after", "iro.not-looked-after" };

    public static async Task<PostOutcome> PostAsync(HttpClient client, string path, object body, RetryWindow window, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = JsonContent.Create(body, body.GetType(), options: Json);
            using var response = await client.PostAsync(path, content, ct);
            var status = response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(ct);
            if (status is HttpStatusCode.OK or HttpStatusCode.Created) return new PostOutcome(status, text, null, null, null);

            var problem = Problem(text);
            var now = DateTime.UtcNow;
            var careNotArrived = status == HttpStatusCode.Accepted
                || (status == HttpStatusCode.UnprocessableEntity && CareNotYetKnown.Contains(problem.Rule ?? ""));
            // A 409 for an event id already used by a different post will not change on retry.
            var transient = status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests
                || (status is HttpStatusCode.Conflict && problem.Rule != "event-id.reused");
            if ((careNotArrived && now < window.CareDeadline) || (transient && now < window.TransientDeadline))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)), ct);
                continue;
            }
            return new PostOutcome(status, text, problem.Field, problem.Rule, problem.Detail);
        }
    }

    private static (string? Field, string? Rule, string? Detail) Problem(string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            return (Text(node?["field"]), Text(node?["rule"]), Text(node?["detail"]) ?? Text(node?["title"]));
        }
        catch (JsonException) { return (null, null, null); }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}
