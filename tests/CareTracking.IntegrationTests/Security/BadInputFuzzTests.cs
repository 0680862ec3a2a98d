using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// 1,000 generated bad inputs per write service (issue 10, "Proof"; Placements, Missing episodes, Reviews, Health, Leaving care): each a valid post broken in one way that can
/// never be valid (a value of the wrong JSON kind, a text of 3,000 characters, an unknown field, a cut-off
/// document). Every one must get a 4xx problem, none a 5xx, and nothing may be appended. Seeded, so a failure
/// names an input that can be replayed.
/// </summary>
public sealed class BadInputFuzzTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private const int Inputs = 1000;
    private readonly MissingStack stack = fixture.Services;

    internal static IEnumerable<string> BadBodies(JsonNode valid, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Inputs; i++)
        {
            var body = valid.DeepClone();
            var kind = random.Next(4);
            if (kind == 3)
            {
                var text = body.ToJsonString();
                yield return text[..random.Next(1, text.Length - 1)]; // a document cut off
                continue;
            }
            var objects = Objects(body).ToList();
            var target = objects[random.Next(objects.Count)];
            if (kind == 2 || target.Count == 0)
            {
                target[$"unexpected{random.Next(1000)}"] = random.Next(2) == 0 ? "x" : 1; // an unknown field
            }
            else
            {
                var key = target.ElementAt(random.Next(target.Count)).Key;
                target[key] = (kind, target[key]?.GetValueKind()) switch
                {
                    (0, System.Text.Json.JsonValueKind.Object) => JsonValue.Create(random.Next()),
                    (0, System.Text.Json.JsonValueKind.String) => new JsonArray(),
                    (0, _) => new JsonObject { ["nested"] = random.Next() },
                    (_, System.Text.Json.JsonValueKind.Object) => JsonValue.Create(new string('y', 3000)),
                    _ => JsonValue.Create(new string((char)random.Next('a', 'z' + 1), 3000)), // a 3,000-character value
                };
            }
            yield return body.ToJsonString();
        }
    }

    private static IEnumerable<JsonObject> Objects(JsonNode node)
    {
        if (node is not JsonObject o) yield break;
        yield return o;
        foreach (var (_, child) in o)
            if (child is not null)
                foreach (var inner in Objects(child)) yield return inner;
    }

    private Task AssertAllRefused(HttpClient client, string url, object valid, int seed) =>
        AssertAllRefused(stack.Stack, client, url, valid, seed);

    internal static async Task AssertAllRefused(ServiceStack stack, HttpClient client, string url, object valid, int seed)
    {
        var eventsBefore = await stack.ScalarAsync("select count(*) from eventstore.mt_events");
        var statuses = new Dictionary<HttpStatusCode, int>();
        foreach (var body in BadBodies(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(valid, Requests.Json))!, seed))
        {
            var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{response.StatusCode} for {body[..Math.Min(body.Length, 300)]}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
        }

        Assert.Equal(Inputs, statuses.Values.Sum());
        Assert.Equal(eventsBefore, await stack.ScalarAsync("select count(*) from eventstore.mt_events"));
    }

    [Fact]
    public async Task placements_refuses_1000_bad_entered_care_posts_with_4xx_and_appends_nothing()
    {
        var client = stack.Placements.ClientFor("831", Scopes.PlacementsWrite);
        await AssertAllRefused(client, "/api/children/fuzz-1/entered-care", Requests.EnteredCare(eventId: Guid.NewGuid()), seed: 903);
        Assert.Equal(HttpStatusCode.Created, (await client.Post("/api/children/fuzz-1/entered-care", Requests.EnteredCare())).StatusCode);
    }

    [Fact]
    public async Task missing_episodes_refuses_1000_bad_reports_with_4xx_and_appends_nothing()
    {
        var lastSeen = new DateTimeOffset(DateTime.UtcNow.AddHours(-3).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var valid = new
        {
            episodeId = Guid.NewGuid(),
            childId = "fuzz-2",
            kind = "M",
            lastSeenAt = lastSeen,
            reportedAt = lastSeen.AddMinutes(40),
            riskLevel = "medium",
            riskReason = "Assessed by the duty team",
            policeReference = "DY-0042",
            exploitationRisk = new { criminal = true, sexual = false },
            eventId = Guid.NewGuid(),
        };
        await AssertAllRefused(stack.MissingClient("831"), "/api/missing-episodes", valid, seed: 574);
    }
}

/// <summary>The same 1,000 bad inputs for Reviews' write (a review held).</summary>
public sealed class ReviewsBadInputFuzzTests(CareTracking.IntegrationTests.Reviews.ReviewsStack stack) : IClassFixture<CareTracking.IntegrationTests.Reviews.ReviewsStack>
{
    [Fact]
    public async Task reviews_refuses_1000_bad_review_posts_with_4xx_and_appends_nothing()
    {
        var valid = new { date = "2025-05-01", participation = "PN1", eventId = Guid.NewGuid() };
        await BadInputFuzzTests.AssertAllRefused(stack, stack.ReviewsWriter(), "/api/children/fuzz-3/reviews", valid, seed: 2025);
    }
}

/// <summary>The same 1,000 bad inputs for Health's write (a substance misuse screening: a date and two yes/no
/// answers), on a child in care, so the valid post is stored afterwards and the refusals are the input's, not the rules'.</summary>
public sealed class HealthBadInputFuzzTests(CareTracking.IntegrationTests.Health.HealthStack stack) : IClassFixture<CareTracking.IntegrationTests.Health.HealthStack>
{
    [Fact]
    public async Task health_refuses_1000_bad_posts_with_4xx_and_appends_nothing()
    {
        await stack.EnterCareAsync("fuzz-4", "2025-04-10", dateOfBirth: "2012-06-01");
        var valid = new { date = "2025-05-04", interventionOffered = true, interventionReceived = false, eventId = Guid.NewGuid() };
        await BadInputFuzzTests.AssertAllRefused(stack, stack.HealthWriter(), "/api/children/fuzz-4/substance-misuse", valid, seed: 1989);
        Assert.Equal(HttpStatusCode.Created, (await stack.HealthWriter().Post("/api/children/fuzz-4/substance-misuse", valid)).StatusCode);
    }
}

/// <summary>The same 1,000 bad inputs for Leaving care's write (a contact with a care leaver: in touch, activity,
/// accommodation), on a young person in care, so the valid post is stored afterwards.</summary>
public sealed class LeavingCareBadInputFuzzTests(CareTracking.IntegrationTests.LeavingCare.LeavingCareStack stack)
    : IClassFixture<CareTracking.IntegrationTests.LeavingCare.LeavingCareStack>
{
    [Fact]
    public async Task leaving_care_refuses_1000_bad_contact_posts_with_4xx_and_appends_nothing()
    {
        await stack.EnterCareAsync("fuzz-5", "2024-01-10", "2007-06-01");
        var valid = new { date = "2024-07-01", inTouch = "YES", activity = "F2", accommodation = "D1", eventId = Guid.NewGuid() };
        await BadInputFuzzTests.AssertAllRefused(stack, stack.Writer(), "/api/care-leavers/fuzz-5/contacts", valid, seed: 2007);
        Assert.Equal(HttpStatusCode.Created, (await stack.Writer().Post("/api/care-leavers/fuzz-5/contacts", valid)).StatusCode);
    }
}
