using System.Net;
using System.Text.Json;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// Subject access and retention (issue 10, item 7): an authority's data protection officer exports one child's
/// whole record (every service's events of the child, and who read it) from any service, audited under the person
/// who asked; another authority's child of the same id is not in it; the retention dry run lists the children past
/// their 75th birthday and erases nothing.
/// </summary>
public sealed class SubjectAccessTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private HttpClient Dpo(string authority, string person, params string[] scopes)
    {
        var client = stack.Missing.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Make(new()
        {
            ["authority"] = authority,
            ["scope"] = string.Join(' ', scopes),
            ["client_id"] = "dpo-portal",
            ["sub"] = "dpo-portal",
            ["act"] = JsonSerializer.Serialize(new { sub = person }),
        }));
        return client;
    }

    [Fact]
    public async Task the_export_holds_every_services_events_of_the_child_of_that_authority_only_and_is_audited_with_who_asked()
    {
        const string child = "SAR-1001";
        await stack.InCareAsync("831", child);
        await stack.InCareAsync("855", child); // another authority's child under the same id
        Assert.Equal(HttpStatusCode.Created, (await stack.MissingClient("831").Post("/api/missing-episodes", MissingRequests.Report(child, HoursAgo(3)))).StatusCode);
        // Missing episodes notes the care period from Placements' message, in a stream of its own.
        await Eventually.Within(TimeSpan.FromSeconds(30), () => stack.Stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '831' and stream_id = 'missing:{child}'"), n => n > 0);
        var stored = await stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.mt_events where tenant_id = '831' and (stream_id in ('{child}', 'missing:{child}') or stream_id in (select stream_id from eventstore.mt_events where stream_id like 'episode:%' and data->>'childId' = '{child}'))");

        var answer = await Dpo("831", "dpo-anna", Scopes.SubjectAccess).GetAsync($"/api/subject-access/children/{child}");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var export = await answer.Body();
        var events = export["events"]!.AsArray();
        Assert.Equal(stored, events.Count);
        Assert.Equal(["missing-episodes", "placements"], events.Select(e => (string)e!["service"]!).Distinct().Order());
        Assert.Contains(events, e => ((string)e!["streamId"]!).StartsWith("episode:"));
        Assert.Equal("831", (string)export["authority"]!);
        Assert.Equal("dpo-anna", (string)export["requestedBy"]!);
        Assert.Contains(export["reads"]!.AsArray(), r => (string)r!["what"]! == "subject-access-export" && (string)r["endUser"]! == "dpo-anna");
        Assert.Equal(1, await stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.ct_child_read_audit where authority = '831' and child_id = '{child}' and what = 'subject-access-export' and end_user = 'dpo-anna' and client = 'dpo-portal'"));
    }

    [Fact]
    public async Task only_the_subject_access_scope_may_export()
    {
        var admin = await Dpo("831", "admin-bob", Scopes.Admin, Scopes.PlacementsRead, Scopes.MissingRead).GetAsync("/api/subject-access/children/SAR-1001");
        var retention = await Dpo("831", "admin-bob", Scopes.Admin).GetAsync("/api/subject-access/retention");

        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retention.StatusCode);
    }

    [Fact]
    public async Task the_retention_dry_run_lists_children_past_their_75th_birthday_and_erases_nothing()
    {
        const string child = "SAR-2002";
        await stack.InCareAsync("831", child); // born 2010-06-15 (MissingRequests.EnteredCare)
        var before = await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events");
        var dpo = Dpo("831", "dpo-anna", Scopes.SubjectAccess);

        var notYet = await (await dpo.GetAsync("/api/subject-access/retention?asAt=2085-06-14")).Body();
        var due = await (await dpo.GetAsync("/api/subject-access/retention?asAt=2085-06-15")).Body();

        Assert.DoesNotContain(notYet["due"]!.AsArray(), d => (string)d!["childId"]! == child);
        var row = Assert.Single(due["due"]!.AsArray(), d => (string)d!["childId"]! == child)!;
        Assert.Equal("2085-06-15", (string)row["keepUntil"]!);
        Assert.True((long)row["events"]! >= 1);
        Assert.True((bool)due["dryRun"]!);
        Assert.Equal(before, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events"));
        Assert.Equal(1, await stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.ct_child_read_audit where child_id = '{child}' and what = 'retention-dry-run' and end_user = 'dpo-anna'"));
    }

    [Fact]
    public async Task the_export_lists_the_alerts_the_police_were_sent_about_the_child_and_reads_as_a_page()
    {
        const string child = "SAR-3003";
        await stack.InCareAsync("831", child);
        Assert.Equal(HttpStatusCode.Created, (await stack.MissingClient("831").Post("/api/missing-episodes",
            MissingRequests.Report(child, HoursAgo(2), riskLevel: "high"))).StatusCode);
        const string alertsOfChild =
            "from eventstore.ct_outbox where authority = '831' and message_type = 'police.missing-alert.v1' and body->>'episodeId' in " +
            $"(select substr(stream_id, 9) from eventstore.mt_events where stream_id like 'episode:%' and data->>'childId' = '{child}')";
        // The alert is queued when Missing episodes knows the child is in care (Placements' message may come after the report).
        await Eventually.Within(TimeSpan.FromSeconds(30), () => stack.Stack.ScalarAsync($"select count(*) {alertsOfChild}"), n => n > 0);
        var queued = await stack.Stack.ScalarAsync($"select count(*) {alertsOfChild}");
        var dpo = Dpo("831", "dpo-anna", Scopes.SubjectAccess);

        var export = await (await dpo.GetAsync($"/api/subject-access/children/{child}")).Body();
        var page = await dpo.GetAsync($"/api/subject-access/children/{child}?format=html");

        var disclosures = export["policeDisclosures"]!.AsArray();
        Assert.Equal(queued, disclosures.Count);
        var reported = Assert.Single(disclosures, d => (string)d!["kind"]! == "reported")!;
        Assert.Equal("high", (string)reported["riskLevel"]!);
        Assert.False(string.IsNullOrEmpty((string)reported["force"]!));
        Assert.Equal(7, (int)export["policeDisclosuresKeptDays"]!);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Subject access export</h1>", html);
        Assert.Contains($"<dd>{child}</dd>", html);
        Assert.Contains("<h2>Missing from care</h2>", html);
        Assert.Contains("<td>reported</td><td>high</td>", html);
        Assert.Contains("<td>dpo-anna</td>", html); // the first export, audited, is among the reads the page lists
        // Each event in words, its stored type beneath; its data a list with each code's meaning, not the stored JSON.
        Assert.Contains("<td>Missing episode reported<br><small>missing.missing-episode-reported.v1<br>", html);
        Assert.Contains("<dt>Kind</dt><dd>M — Missing from care: whereabouts unknown (903 MISSING M)</dd>", html);
        Assert.Contains("<td>Child entered care<br><small>placements.child-entered-care.v1<br>", html);
        Assert.Contains("<dt>Legal status</dt><dd>C2 — Full care order</dd>", html);
        Assert.DoesNotContain("<pre>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // The JSON is the machine-readable copy: the codes as stored, no meanings.
        Assert.DoesNotContain("Full care order", export.ToJsonString());
        Assert.Equal(2, await stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.ct_child_read_audit where authority = '831' and child_id = '{child}' and what = 'subject-access-export'"));
    }

    [Fact]
    public async Task an_alert_sent_longer_ago_than_the_outbox_keeps_it_is_still_in_the_export()
    {
        const string child = "SAR-5005";
        await stack.InCareAsync("831", child);
        Assert.Equal(HttpStatusCode.Created, (await stack.MissingClient("831").Post("/api/missing-episodes",
            MissingRequests.Report(child, HoursAgo(2), riskLevel: "high"))).StatusCode);
        var logged = await Eventually.Within(TimeSpan.FromSeconds(30),
            () => stack.Stack.ScalarAsync($"select count(*) from eventstore.ct_police_disclosures where authority = '831' and child_id = '{child}'"), n => n > 0);
        Assert.True(logged > 0, "the alert was never logged as a disclosure");
        // The log row was written with the outbox row, in the same transaction.
        Assert.Equal(logged, await stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.ct_outbox o join eventstore.ct_police_disclosures d on d.alert_id = o.message_id and d.authority = o.authority and d.child_id = '{child}'"));
        // Sent eight days ago (marked as the relay marks it, which the log learns; in this stack no force's queue is
        // bound, so the relay parks it), then deleted by the relay's own purge.
        await stack.Stack.ExecuteAsync(
            $"update eventstore.ct_outbox set dispatched_at = now() - interval '8 days', parked_at = null where dispatched_at is null and message_id in (select alert_id from eventstore.ct_police_disclosures where child_id = '{child}')");
        await stack.Stack.ExecuteAsync(
            $"update eventstore.ct_outbox set dispatched_at = now() - interval '8 days' where message_id in (select alert_id from eventstore.ct_police_disclosures where child_id = '{child}')");
        var store = stack.Missing.Services.GetRequiredService<CareTracking.EventStore.DocumentStore>();
        using (CareTracking.EventStore.WorkerConnections.Grant("test: the relay's purge"))
        await using (var conn = await store.SystemDataSource.OpenConnectionAsync())
            await CareTracking.EventStore.OutboxRelay.PurgeAsync(store, conn, new CareTracking.EventStore.OutboxRelayOptions(), CancellationToken.None);
        Assert.Equal(0, await stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.ct_outbox where message_id in (select alert_id from eventstore.ct_police_disclosures where child_id = '{child}')"));

        var export = await (await Dpo("831", "dpo-anna", Scopes.SubjectAccess).GetAsync($"/api/subject-access/children/{child}")).Body();

        var disclosures = export["policeDisclosures"]!.AsArray();
        Assert.Equal(logged, disclosures.Count);
        var reported = Assert.Single(disclosures, d => (string)d!["kind"]! == "reported")!;
        Assert.Equal("high", (string)reported["riskLevel"]!);
        Assert.False(string.IsNullOrEmpty((string)reported["force"]!));
        Assert.NotNull(reported["sentAt"]);
        // Another authority's officer sees none of it.
        var other = await (await Dpo("855", "dpo-ben", Scopes.SubjectAccess).GetAsync($"/api/subject-access/children/{child}")).Body();
        Assert.Empty(other["policeDisclosures"]!.AsArray());
    }

    [Fact]
    public async Task an_unknown_format_answers_422_naming_it_and_records_no_read()
    {
        var answer = await Dpo("831", "dpo-anna", Scopes.SubjectAccess).GetAsync("/api/subject-access/children/SAR-4004?format=pdf");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains("format must be json or html", await answer.Content.ReadAsStringAsync());
        Assert.Equal(0, await stack.Stack.ScalarAsync("select count(*) from eventstore.ct_child_read_audit where child_id = 'SAR-4004'"));
    }
}
