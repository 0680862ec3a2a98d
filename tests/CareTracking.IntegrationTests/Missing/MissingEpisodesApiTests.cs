using System.Net;
using System.Net.Http.Headers;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Missing;

public sealed class MissingEpisodesApiTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;
    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    [Fact]
    public async Task a_report_for_a_child_in_care_is_201_with_the_episode_id_and_writes_the_episode_and_child_streams_together()
    {
        await stack.InCareAsync("831", "known-1");

        var response = await stack.MissingClient("831").Post("/api/missing-episodes", MissingRequests.Report("known-1", HoursAgo(3)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Body();
        var episodeId = (string)body["episodeId"]!;
        Assert.Equal("missing", (string?)body["status"]);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal($"/api/missing-episodes/{episodeId}", response.Headers.Location?.ToString());
        Assert.Equal(1, await stack.EventCountAsync($"episode:{episodeId}"));
        Assert.Equal(1, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'missing:known-1' and type = 'missing.episode-reported-noted.v1'"));
        Assert.Equal(1, await stack.Stack.ScalarAsync($"select count(*) from eventstore.ct_outbox where transport = 'amqp' and routing_key = 'derbyshire' and body->>'childRef' = '{PoliceRefs.For("derbyshire", "831", "known-1")}' and body->>'kind' = 'reported'"));
    }

    [Fact]
    public async Task a_report_that_arrives_before_placements_care_message_is_202_and_is_confirmed_and_alerted_when_it_arrives()
    {
        await using var derbyshire = await PoliceQueue.BindAsync(stack.Stack.Broker, "derbyshire");
        var missing = stack.MissingClient("831");

        var response = await missing.Post("/api/missing-episodes", MissingRequests.Report("early-1", HoursAgo(2)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Body();
        var episodeId = (string)body["episodeId"]!;
        Assert.Equal("awaiting-care-confirmation", (string?)body["status"]);
        Assert.Equal(0, await stack.AlertsInOutboxAsync("early-1"));

        await stack.InCareAsync("831", "early-1");

        var episode = await Eventually.Within(TimeSpan.FromSeconds(20),
            async () => await (await missing.GetAsync($"/api/missing-episodes/{episodeId}")).Body(),
            b => (string?)b["status"] == "missing");
        Assert.Equal("missing", (string?)episode["status"]);
        Assert.Equal(false, (bool?)episode["awaitingCareConfirmation"]);
        var alerts = await derbyshire.WaitForAsync(r => r.Any(a => a.IsAbout("early-1")));
        var alert = Assert.Single(alerts, a => a.IsAbout("early-1"));
        Assert.Equal(("reported", episodeId), (alert.Kind, (string)alert.Body["episodeId"]!));
        Assert.Equal(2, await stack.EventCountAsync($"episode:{episodeId}"));
    }

    [Fact]
    public async Task risk_changes_returns_and_return_interviews_are_recorded_and_the_child_list_shows_counts_and_the_interview_deadline()
    {
        await stack.InCareAsync("831", "journey-1");
        var missing = stack.MissingClient("831");
        var lastSeen = HoursAgo(10);
        var returnedAt = HoursAgo(4);
        var episodeId = (string)(await (await missing.Post("/api/missing-episodes", MissingRequests.Report("journey-1", lastSeen))).Body())["episodeId"]!;

        var risk = await missing.Post($"/api/missing-episodes/{episodeId}/risk-level", new { at = HoursAgo(8), riskLevel = "high", reason = "Seen with an adult of concern" });
        var returned = await missing.Post($"/api/missing-episodes/{episodeId}/return", MissingRequests.Return(returnedAt, "DE"));
        var offered = await missing.Post($"/api/missing-episodes/{episodeId}/return-interview", new { outcome = "offered", at = HoursAgo(3) });

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created], new[] { risk.StatusCode, returned.StatusCode, offered.StatusCode });
        Assert.Equal("\"4\"", offered.Headers.ETag?.Tag);
        var list = await (await missing.GetAsync("/api/children/journey-1/missing-episodes")).Body();
        Assert.Equal((1, 1), ((int)list["incidentsLast30Days"]!, (int)list["incidentsLast90Days"]!));
        var entry = list["episodes"]![0]!;
        Assert.Equal(("returned", "high", "offered"), ((string)entry["status"]!, (string)entry["riskLevel"]!, (string)entry["returnInterview"]!["status"]!));
        Assert.Equal(returnedAt.AddHours(72), DateTimeOffset.Parse((string)entry["returnInterview"]!["dueBy"]!));

        var completed = await missing.Post($"/api/missing-episodes/{episodeId}/return-interview", new { outcome = "completed", at = HoursAgo(1) });
        Assert.Equal(HttpStatusCode.Created, completed.StatusCode);
        var episode = await (await missing.GetAsync($"/api/missing-episodes/{episodeId}")).Body();
        Assert.Equal("completed", (string?)episode["returnInterview"]!["status"]);
        Assert.Equal(2, episode["riskAssessments"]!.AsArray().Count);
        Assert.Equal(1, await stack.Stack.ScalarAsync("select count(*) from eventstore.ct_child_read_audit where child_id = 'journey-1' and what = 'missing-episodes'"));
    }

    [Theory]
    [InlineData("kind", "episode.kind-unknown")]
    [InlineData("riskLevel", "risk.level-unknown")]
    [InlineData("lastSeenAt", "child.not-in-care")]
    [InlineData("childId", "child-id.format")]
    public async Task a_report_breaking_a_rule_is_422_naming_the_field_and_appends_nothing(string field, string rule)
    {
        var childId = $"rules-{field.ToLowerInvariant()}";
        await stack.InCareAsync("831", childId);
        var before = await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events");
        var report = field switch
        {
            "kind" => MissingRequests.Report(childId, HoursAgo(2), kind: "X"),
            "riskLevel" => MissingRequests.Report(childId, HoursAgo(2), riskLevel: "severe"),
            "lastSeenAt" => MissingRequests.Report(childId, new DateTimeOffset(2025, 1, 5, 20, 0, 0, TimeSpan.Zero)),
            _ => MissingRequests.Report("rules 1!", HoursAgo(2)),
        };

        var response = await stack.MissingClient("831").Post("/api/missing-episodes", report);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Body();
        Assert.Equal((field, rule), ((string?)problem["field"], (string?)problem["rule"]));
        Assert.Equal(before, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events"));
    }

    [Fact]
    public async Task a_return_before_the_child_was_last_seen_is_422_naming_returned_at()
    {
        await stack.InCareAsync("831", "rules-2");
        var missing = stack.MissingClient("831");
        var episodeId = (string)(await (await missing.Post("/api/missing-episodes", MissingRequests.Report("rules-2", HoursAgo(2)))).Body())["episodeId"]!;

        var response = await missing.Post($"/api/missing-episodes/{episodeId}/return", MissingRequests.Return(HoursAgo(3)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(("returnedAt", "return.before-last-seen"), ((string?)(await response.Body())["field"], (string?)(await response.Body())["rule"]));
        Assert.Equal(1, await stack.EventCountAsync($"episode:{episodeId}"));
    }

    [Fact]
    public async Task a_retried_report_with_the_same_event_id_gets_the_same_answer_and_appends_and_alerts_once()
    {
        await stack.InCareAsync("831", "retry-1");
        var missing = stack.MissingClient("831");
        var report = MissingRequests.Report("retry-1", HoursAgo(2), eventId: Guid.NewGuid());

        var first = await missing.Post("/api/missing-episodes", report);
        var retry = await missing.Post("/api/missing-episodes", report);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        // The same answer, saying it was a replay (issue 13).
        var (firstBody, retryBody) = ((await first.Body()).AsObject(), (await retry.Body()).AsObject());
        Assert.Equal((false, true), ((bool)firstBody["replay"]!, (bool)retryBody["replay"]!));
        firstBody.Remove("replay");
        retryBody.Remove("replay");
        Assert.Equal(firstBody.ToJsonString(), retryBody.ToJsonString());
        Assert.Equal(first.Headers.ETag?.Tag, retry.Headers.ETag?.Tag);
        var episodeId = (string)(await first.Body())["episodeId"]!;
        Assert.Equal(1, await stack.EventCountAsync($"episode:{episodeId}"));
        Assert.Equal(1, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'missing:retry-1' and type = 'missing.episode-reported-noted.v1'"));
        Assert.Equal(1, await stack.AlertsInOutboxAsync("retry-1"));
    }

    [Fact]
    public async Task a_stale_if_match_is_412_and_appends_nothing_while_the_current_version_is_accepted()
    {
        await stack.InCareAsync("831", "ifmatch-1");
        var missing = stack.MissingClient("831");
        var reported = await missing.Post("/api/missing-episodes", MissingRequests.Report("ifmatch-1", HoursAgo(5)));
        var episodeId = (string)(await reported.Body())["episodeId"]!;
        var risk = await missing.Post($"/api/missing-episodes/{episodeId}/risk-level", new { at = HoursAgo(4), riskLevel = "high", reason = "Reassessed" });
        Assert.Equal("\"2\"", risk.Headers.ETag?.Tag);

        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/missing-episodes/{episodeId}/return") { Content = JsonContent(MissingRequests.Return(HoursAgo(1))) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var staleResponse = await missing.SendAsync(stale);
        var current = new HttpRequestMessage(HttpMethod.Post, $"/api/missing-episodes/{episodeId}/return") { Content = JsonContent(MissingRequests.Return(HoursAgo(1))) };
        current.Headers.IfMatch.Add(new EntityTagHeaderValue("\"2\""));
        var currentResponse = await missing.SendAsync(current);

        Assert.Equal(HttpStatusCode.PreconditionFailed, staleResponse.StatusCode);
        Assert.Equal(2, (int?)(await staleResponse.Body())["currentVersion"]);
        Assert.Equal(HttpStatusCode.Created, currentResponse.StatusCode);
        Assert.Equal(3, await stack.EventCountAsync($"episode:{episodeId}"));
    }

    [Fact]
    public async Task the_reads_of_a_childs_episodes_and_of_one_episode_answer_their_streams_versions_and_are_audited_for_the_child()
    {
        await stack.InCareAsync("831", "reads-1");
        var missing = stack.MissingClient("831");
        Task<long> Audited(string what) => stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.ct_child_read_audit where authority = '831' and child_id = 'reads-1' and what = '{what}'");

        // Known to be in care but never missing: nothing to list, and the lookup is audited as one that found nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await missing.GetAsync("/api/children/reads-1/missing-episodes")).StatusCode);
        Assert.Equal(1, await Audited("missing-episodes:not-found"));

        var episodeId = (string)(await (await missing.Post("/api/missing-episodes", MissingRequests.Report("reads-1", HoursAgo(2)))).Body())["episodeId"]!;
        var list = await missing.GetAsync("/api/children/reads-1/missing-episodes");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal($"\"{await stack.EventCountAsync("missing:reads-1")}\"", list.Headers.ETag?.Tag);
        Assert.Equal(1, await Audited("missing-episodes"));

        // One episode, read by its own id, is audited for the child it names.
        var one = await missing.GetAsync($"/api/missing-episodes/{episodeId}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("\"1\"", one.Headers.ETag?.Tag);
        Assert.Equal(1, await Audited("missing-episode"));
        Assert.Equal(HttpStatusCode.NotFound, (await missing.GetAsync($"/api/missing-episodes/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task another_authority_gets_404_for_the_episode_and_the_child_and_cannot_write_to_the_episode()
    {
        await stack.InCareAsync("831", "tenancy-1");
        var derby = stack.MissingClient("831");
        var leicestershire = stack.MissingClient("855");
        var episodeId = (string)(await (await derby.Post("/api/missing-episodes", MissingRequests.Report("tenancy-1", HoursAgo(2)))).Body())["episodeId"]!;

        Assert.Equal(HttpStatusCode.NotFound, (await leicestershire.GetAsync($"/api/missing-episodes/{episodeId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leicestershire.GetAsync("/api/children/tenancy-1/missing-episodes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leicestershire.Post($"/api/missing-episodes/{episodeId}/return", MissingRequests.Return(HoursAgo(1)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await derby.GetAsync($"/api/missing-episodes/{episodeId}")).StatusCode);
        Assert.Equal(1, await stack.EventCountAsync($"episode:{episodeId}"));
    }

    [Fact]
    public async Task a_token_without_missing_write_gets_403()
    {
        var reader = stack.Missing.ClientFor("831", Scopes.IndicatorsRead);

        var response = await reader.Post("/api/missing-episodes", MissingRequests.Report("scope-1", HoursAgo(2)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'missing:scope-1'"));
    }

    private static HttpContent JsonContent(object body) => System.Net.Http.Json.JsonContent.Create(body, options: Requests.Json);
}
