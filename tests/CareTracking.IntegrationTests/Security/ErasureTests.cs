using System.Net;
using System.Text.Json;
using CareTracking.EventStore;
using CareTracking.Health;
using CareTracking.Indicators;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.LeavingCare;
using CareTracking.Reviews;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// Erasure by crypto-shredding (issue 10, item 7): a child's personal free text (the reason for a risk level, a
/// reviewer's name) is stored sealed with the child's data key, never as plain text; deciders and the subject-access
/// export read it opened; erasing the key makes it read as "[erased]" everywhere while the rest of the record still
/// works; the same for Placements' and Reviews' reasons and the postcodes and UPN; another authority can neither see
/// the key nor open the text with a copy of it; the retention rule, carried out, erases the children past their 75th
/// birthday.
/// </summary>
public sealed class ErasureTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;
    private const string Reason = "Seen with Harold Examplename, 42, at the bus station";
    private const string Reviewer = "Inspector Alana Testperson";

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private HttpClient Dpo(string authority, params string[] scopes)
    {
        var client = stack.Missing.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Make(new()
        {
            ["authority"] = authority,
            ["scope"] = string.Join(' ', scopes),
            ["client_id"] = "dpo-portal",
            ["sub"] = "dpo-portal",
            ["act"] = JsonSerializer.Serialize(new { sub = "dpo-anna" }),
        }));
        return client;
    }

    /// <summary>A child at risk of criminal exploitation reported missing with a reason, then lowered to medium by a
    /// named reviewer with another reason: three pieces of personal text.</summary>
    private async Task<(Guid EpisodeId, object Report)> ReportWithPersonalTextAsync(string child)
    {
        await stack.InCareAsync("831", child);
        var episodeId = Guid.NewGuid();
        var lastSeen = HoursAgo(3);
        var report = new
        {
            episodeId, childId = child, kind = "M", lastSeenAt = lastSeen, reportedAt = lastSeen.AddMinutes(40), riskLevel = "medium",
            riskReason = Reason, policeReference = "DY-0042", exploitationRisk = new { criminal = true, sexual = false },
        };
        var posted = await stack.MissingClient("831").Post("/api/missing-episodes", report);
        Assert.True(posted.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted, $"{posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
        var lowered = await stack.MissingClient("831").Post($"/api/missing-episodes/{episodeId}/risk-level",
            new { at = lastSeen.AddHours(1), riskLevel = "medium", reason = "Aunt Janet Sample says he is safe with her", reviewedBy = Reviewer });
        Assert.True(lowered.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted, $"{lowered.StatusCode} {await lowered.Content.ReadAsStringAsync()}");
        return (episodeId, report);
    }

    private Task<long> EventsMentioningAsync(string text) =>
        stack.Stack.ScalarAsync($"select count(*) from eventstore.mt_events where data::text like '%{text}%'");

    [Fact]
    public async Task personal_text_is_stored_sealed_and_read_opened()
    {
        const string child = "ERA-1001";
        var (episodeId, report) = await ReportWithPersonalTextAsync(child);

        // Raw SQL: no plain text in the events, nor in any outbox body; the fields hold sealed values.
        Assert.Equal(0, await EventsMentioningAsync("Harold"));
        Assert.Equal(0, await EventsMentioningAsync("Janet"));
        Assert.Equal(0, await EventsMentioningAsync("Alana"));
        Assert.Equal(0, await stack.Stack.ScalarAsync("select count(*) from eventstore.ct_outbox where body::text like '%Harold%' or body::text like '%Alana%'"));
        Assert.Equal(1, await stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.mt_events where stream_id = 'episode:{episodeId}' and data->>'riskReason' like 'ct-sealed:v1:%'"));
        Assert.Equal(1, await stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.mt_events where stream_id = 'episode:{episodeId}' and data->>'reason' like 'ct-sealed:v1:%' and data->>'reviewedBy' like 'ct-sealed:v1:%'"));
        // The decider reads it opened: the same report again is a repeat (nothing appended), not a different report.
        var events = await stack.EventCountAsync($"episode:{episodeId}");
        var again = await stack.MissingClient("831").Post("/api/missing-episodes", report);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(events, await stack.EventCountAsync($"episode:{episodeId}"));
        // The child's export gives the text back.
        var export = await (await Dpo("831", Scopes.SubjectAccess).GetAsync($"/api/subject-access/children/{child}")).Content.ReadAsStringAsync();
        Assert.Contains(Reason, export);
        Assert.Contains(Reviewer, export);
        Assert.DoesNotContain("ct-sealed", export);
    }

    [Fact]
    public async Task erasure_makes_the_text_unreadable_everywhere_and_the_rest_of_the_record_still_works()
    {
        const string child = "ERA-2002";
        var (episodeId, _) = await ReportWithPersonalTextAsync(child);
        var before = await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events");

        var refused = await Dpo("831", Scopes.SubjectAccess).PostAsync($"/api/subject-access/children/{child}/erasure", null);
        var erased = await Dpo("831", Scopes.SubjectAccessErase).PostAsync($"/api/subject-access/children/{child}/erasure", null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(1, await stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.ct_child_keys where authority = '831' and child_id = '{child}' and wrapped_key is null and erased_at is not null and erased_by = 'dpo-anna'"));
        Assert.Equal(1, await stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.ct_child_read_audit where authority = '831' and child_id = '{child}' and what = 'erasure' and end_user = 'dpo-anna'"));
        // Nothing was deleted or rewritten: the events are all there, still sealed.
        Assert.Equal(before, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events"));
        var export = await (await Dpo("831", Scopes.SubjectAccess).GetAsync($"/api/subject-access/children/{child}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Harold", export);
        Assert.DoesNotContain(Reviewer, export);
        Assert.Contains("\"riskReason\":\"[erased]\"", export);
        // The record still works: the episode reads, the child returns, and the risk change's fold is unaffected.
        var view = await stack.MissingClient("831").GetAsync($"/api/missing-episodes/{episodeId}");
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Contains("\"riskLevel\":\"medium\"", await view.Content.ReadAsStringAsync());
        var returned = await stack.MissingClient("831").Post($"/api/missing-episodes/{episodeId}/return", MissingRequests.Return(HoursAgo(0.5)));
        Assert.Equal(HttpStatusCode.Created, returned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stack.MissingClient("831").GetAsync($"/api/children/{child}/missing-episodes")).StatusCode);
        // Text written for the child after erasure is stored erased, never in the clear.
        var lastSeen = HoursAgo(0.25);
        var later = await stack.MissingClient("831").Post("/api/missing-episodes", new
        {
            childId = child, kind = "A", lastSeenAt = lastSeen, reportedAt = lastSeen, riskLevel = "low", riskReason = "Harold again",
            exploitationRisk = new { criminal = false, sexual = false },
        });
        Assert.True(later.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted, $"{later.StatusCode} {await later.Content.ReadAsStringAsync()}");
        Assert.Equal(0, await EventsMentioningAsync("Harold"));
        Assert.Equal(1, await stack.Stack.ScalarAsync($"select count(*) from eventstore.mt_events where data->>'childId' = '{child}' and data->>'riskReason' = '{SealedText.ErasedMarker}'"));
    }

    private const string RetractionReason = "Entered against Kieran Wrongchild by mistake";
    private const string CancellationReason = "Meeting was with his brother Dylan Samplebrother, not him";
    private const string CorrectionReason = "Foster carer Mrs Petra Carertest gave the wrong date";
    private const string HomePostcode = "NG7 2QX", PlacementPostcode = "DE1 3AF", Upn = "A123456789012";

    /// <summary>A child entered into care through Placements with a home postcode, a placement postcode and a UPN, a
    /// legal status change retracted with a reason, and two reviews in Reviews, one cancelled and one corrected, each
    /// with a reason: Placements' and Reviews' personal text.</summary>
    private async Task<ServiceHost<ReviewsHost>> PlacementsAndReviewsTextAsync(string child)
    {
        var reviews = stack.Stack.Start<ReviewsHost>();
        var placements = stack.Placements.ClientFor("831", Scopes.PlacementsWrite);
        var entered = await placements.Post($"/api/children/{child}/entered-care", new
        {
            date = "2025-04-10", legalStatus = "C2", categoryOfNeed = "N1",
            placement = new { type = "U4", provider = "PR1", postcode = PlacementPostcode, urn = "SC123456" },
            homePostcode = HomePostcode,
            child = new { sex = "M", dateOfBirth = "2010-06-15", ethnicity = "WBRI", uasc = false, upn = Upn },
        });
        Assert.True(entered.StatusCode == HttpStatusCode.Created, $"{entered.StatusCode} {await entered.Content.ReadAsStringAsync()}");
        var change = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await placements.Post($"/api/children/{child}/legal-status-changes",
            new { date = "2025-05-10", legalStatus = "C1", eventId = change })).StatusCode);
        var retracted = await placements.Post($"/api/children/{child}/retractions", new { retractedEventId = change, reason = RetractionReason });
        Assert.True(retracted.StatusCode == HttpStatusCode.Created, $"{retracted.StatusCode} {await retracted.Content.ReadAsStringAsync()}");

        var noted = await Eventually.Within(TimeSpan.FromSeconds(20),
            () => stack.EventCountAsync($"reviews:{child}"), n => n > 0);
        Assert.True(noted > 0, $"Reviews never noted that child {child} entered care.");
        var client = reviews.ClientFor("831", Scopes.ReviewsWrite);
        foreach (var (path, body) in new (string, object)[]
        {
            ("reviews", new { date = "2025-05-01", participation = "PN1" }),
            ("review-cancellations", new { reviewDate = "2025-05-01", reason = CancellationReason }),
            ("reviews", new { date = "2025-06-01", participation = "PN1" }),
            ("review-corrections", new { reviewDate = "2025-06-01", date = "2025-06-02", participation = "PN2", reason = CorrectionReason }),
        })
        {
            var posted = await client.Post($"/api/children/{child}/{path}", body);
            Assert.True(posted.StatusCode == HttpStatusCode.Created, $"{path}: {posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
        }
        return reviews;
    }

    [Fact]
    public async Task placements_and_reviews_personal_text_is_stored_sealed_read_opened_and_erased_with_the_key()
    {
        const string child = "ERA-6006";
        var reviews = await PlacementsAndReviewsTextAsync(child);
        string[] plain = [RetractionReason, CancellationReason, CorrectionReason, HomePostcode, PlacementPostcode, Upn];

        // Raw SQL: none of it in the events or in any outbox body; each field holds a sealed value.
        foreach (var text in plain)
        {
            Assert.True(0 == await EventsMentioningAsync(text), $"'{text}' is stored in plain in mt_events");
            Assert.True(0 == await stack.Stack.ScalarAsync($"select count(*) from eventstore.ct_outbox where body::text like '%{text}%'"),
                $"'{text}' is in an outbox body");
        }
        foreach (var (stream, type, field) in new[]
        {
            (child, "placements.child-entered-care.v1", "data->>'homePostcode'"),
            (child, "placements.child-entered-care.v1", "data->'placement'->>'postcode'"),
            (child, "placements.child-entered-care.v1", "data->'child'->>'upn'"),
            (child, "placements.event-retracted.v1", "data->>'reason'"),
            ($"reviews:{child}", "reviews.review-cancelled.v1", "data->>'reason'"),
            ($"reviews:{child}", "reviews.review-corrected.v1", "data->>'reason'"),
        })
            Assert.True(1 == await stack.Stack.ScalarAsync(
                $"select count(*) from eventstore.mt_events where stream_id = '{stream}' and type = '{type}' and {field} like 'ct-sealed:v1:%'"),
                $"{type} {field} is not sealed");
        // Placements' reads show them opened; the export gives every one back.
        var placementsReader = stack.Placements.ClientFor("831", Scopes.PlacementsRead);
        var state = await (await placementsReader.GetAsync($"/api/children/{child}")).Content.ReadAsStringAsync();
        Assert.Contains($"\"homePostcode\":\"{HomePostcode}\"", state);
        Assert.Contains($"\"postcode\":\"{PlacementPostcode}\"", state);
        Assert.Contains($"\"upn\":\"{Upn}\"", state);
        var export = await (await Dpo("831", Scopes.SubjectAccess).GetAsync($"/api/subject-access/children/{child}")).Content.ReadAsStringAsync();
        Assert.All(plain, text => Assert.Contains(text, export));
        Assert.DoesNotContain("ct-sealed", export);

        Assert.Equal(HttpStatusCode.OK, (await Dpo("831", Scopes.SubjectAccessErase).PostAsync($"/api/subject-access/children/{child}/erasure", null)).StatusCode);

        var erasedExport = await (await Dpo("831", Scopes.SubjectAccess).GetAsync($"/api/subject-access/children/{child}")).Content.ReadAsStringAsync();
        Assert.All(plain, text => Assert.DoesNotContain(text, erasedExport));
        Assert.Contains("\"homePostcode\":\"[erased]\"", erasedExport);
        Assert.Contains("\"upn\":\"[erased]\"", erasedExport);
        Assert.Equal(3, erasedExport.Split("\"reason\":\"[erased]\"").Length - 1);
        // The record still reads: the child's state (its postcode erased) and its reviews.
        var erasedState = await placementsReader.GetAsync($"/api/children/{child}");
        Assert.Equal(HttpStatusCode.OK, erasedState.StatusCode);
        Assert.Contains("\"homePostcode\":\"[erased]\"", await erasedState.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await reviews.ClientFor("831", Scopes.ReviewsRead).GetAsync($"/api/children/{child}/reviews")).StatusCode);
    }

    /// <summary>Events stored before sealing began, re-sealed by the one-off job (tools/CareTracking.Reseal) run as a
    /// process on the services' database: the services then read them opened over HTTP, and erasure reaches them.</summary>
    [Fact]
    public async Task text_stored_in_plain_before_sealing_is_sealed_by_the_resealing_job_read_opened_and_erased_with_the_key()
    {
        const string child = "ERA-8008";
        await PlacementsAndReviewsTextAsync(child);
        // The stored form before sealing: each sealed value put back in plain.
        var fields = new[]
        {
            (child, "placements.child-entered-care.v1", "{homePostcode}", HomePostcode),
            (child, "placements.child-entered-care.v1", "{placement,postcode}", PlacementPostcode),
            (child, "placements.child-entered-care.v1", "{child,upn}", Upn),
            (child, "placements.event-retracted.v1", "{reason}", RetractionReason),
            ($"reviews:{child}", "reviews.review-cancelled.v1", "{reason}", CancellationReason),
            ($"reviews:{child}", "reviews.review-corrected.v1", "{reason}", CorrectionReason),
        };
        foreach (var (stream, type, path, text) in fields)
            await stack.Stack.ExecuteAsync(
                $"update eventstore.mt_events set data = jsonb_set(data, '{path}', to_jsonb('{text}'::text)) where stream_id = '{stream}' and type = '{type}'");
        foreach (var (_, _, _, text) in fields) Assert.True(1 == await EventsMentioningAsync(text), $"'{text}' is not stored in plain");

        var run = await CareTracking.Testing.ToolProcess.RunAsync("CareTracking.Reseal",
            ["--development-key", "--authority", "831", "--connection", stack.Stack.Database]);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Matches(@"re-sealed 6 value\(s\) in 4 event\(s\)", run.Stdout);
        foreach (var (stream, type, path, text) in fields)
        {
            Assert.True(0 == await EventsMentioningAsync(text), $"'{text}' is still stored in plain");
            Assert.True(1 == await stack.Stack.ScalarAsync(
                $"select count(*) from eventstore.mt_events where stream_id = '{stream}' and type = '{type}' and data #>> '{path}' like 'ct-sealed:v1:%'"),
                $"{type} {path} is not sealed");
        }
        var state = await (await stack.Placements.ClientFor("831", Scopes.PlacementsRead).GetAsync($"/api/children/{child}")).Content.ReadAsStringAsync();
        Assert.Contains($"\"homePostcode\":\"{HomePostcode}\"", state);
        Assert.Contains($"\"upn\":\"{Upn}\"", state);
        var export = await (await Dpo("831", Scopes.SubjectAccess).GetAsync($"/api/subject-access/children/{child}")).Content.ReadAsStringAsync();
        Assert.All(fields, f => Assert.Contains(f.Item4, export));
        Assert.DoesNotContain("ct-sealed", export);

        Assert.Equal(HttpStatusCode.OK, (await Dpo("831", Scopes.SubjectAccessErase).PostAsync($"/api/subject-access/children/{child}/erasure", null)).StatusCode);

        var erasedExport = await (await Dpo("831", Scopes.SubjectAccess).GetAsync($"/api/subject-access/children/{child}")).Content.ReadAsStringAsync();
        Assert.All(fields, f => Assert.DoesNotContain(f.Item4, erasedExport));
        Assert.Contains("\"homePostcode\":\"[erased]\"", erasedExport);
        Assert.Contains("\"[erased]\"", await (await stack.Placements.ClientFor("831", Scopes.PlacementsRead).GetAsync($"/api/children/{child}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task another_authority_can_neither_see_the_childs_key_nor_open_the_text_with_a_copy_of_it()
    {
        const string child = "ERA-3003";
        var (episodeId, _) = await ReportWithPersonalTextAsync(child);
        var store = stack.Missing.Services.GetRequiredService<DocumentStore>();
        var keys = stack.Missing.Services.GetRequiredService<ChildDataKeys>();
        await using var admin = new NpgsqlConnection(stack.Stack.Database);
        await admin.OpenAsync();
        await using var read = new NpgsqlCommand($"select data->>'riskReason' from eventstore.mt_events where stream_id = 'episode:{episodeId}' and data ? 'riskReason'", admin);
        var sealedReason = (string)(await read.ExecuteScalarAsync())!;
        var keyId = SealedText.KeyOf(sealedReason)!.Value;

        // Row-level security: 855's requests see no key of 831's, even asking for it by id.
        await using (var app = new NpgsqlConnection(stack.Stack.AppDatabase))
        {
            await app.OpenAsync();
            await using var cmd = new NpgsqlCommand($"select set_config('ct.authority', '855', false); select count(*) from eventstore.ct_child_keys where key_id = '{keyId}'", app);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.NextResultAsync();
            await r.ReadAsync();
            Assert.Equal(0, r.GetInt64(0));
        }
        Assert.Empty(await keys.ForOpeningAsync(store, "855", [keyId], CancellationToken.None));
        var key = Assert.Single(await keys.ForOpeningAsync(store, "831", [keyId], CancellationToken.None)).Value;
        Assert.Equal(Reason, SealedText.Open("831", sealedReason, key));
        // The sealed text moved to another authority does not open even with the right key (bound to its authority).
        Assert.Equal(SealedText.Erased, SealedText.Open("855", sealedReason, key));
        // The wrapped key moved to 855 under the same id (by someone with the database's owner rights) unwraps to nothing.
        await using (var move = new NpgsqlCommand(
            $"""
            with gone as (delete from eventstore.ct_child_keys where key_id = '{keyId}' returning *)
            insert into eventstore.ct_child_keys (authority, child_id, key_id, wrapped_key) select '855', child_id, key_id, wrapped_key from gone
            """, admin))
            await move.ExecuteNonQueryAsync();
        Assert.Empty(await keys.ForOpeningAsync(store, "855", [keyId], CancellationToken.None));
    }

    [Fact]
    public async Task a_key_cannot_be_restored_or_replaced_once_erased_nor_removed_by_the_request_role()
    {
        const string child = "ERA-4004";
        await ReportWithPersonalTextAsync(child);
        await using var admin = new NpgsqlConnection(stack.Stack.Database);
        await admin.OpenAsync();
        await using var save = new NpgsqlCommand($"select encode(wrapped_key, 'hex') from eventstore.ct_child_keys where child_id = '{child}'", admin);
        var saved = (string)(await save.ExecuteScalarAsync())!;
        Assert.Equal(HttpStatusCode.OK, (await Dpo("831", Scopes.SubjectAccessErase).PostAsync($"/api/subject-access/children/{child}/erasure", null)).StatusCode);

        await using var app = new NpgsqlConnection(stack.Stack.AppDatabase);
        await app.OpenAsync();
        await using var restore = new NpgsqlCommand(
            $"select set_config('ct.authority', '831', false); update eventstore.ct_child_keys set wrapped_key = decode('{saved}', 'hex') where child_id = '{child}'", app);
        var restoring = await Assert.ThrowsAsync<PostgresException>(() => restore.ExecuteNonQueryAsync());
        await using var remove = new NpgsqlCommand($"select set_config('ct.authority', '831', false); delete from eventstore.ct_child_keys where child_id = '{child}'", app);
        var removing = await Assert.ThrowsAsync<PostgresException>(() => remove.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, restoring.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, removing.SqlState);
        Assert.Equal(1, await stack.Stack.ScalarAsync($"select count(*) from eventstore.ct_child_keys where child_id = '{child}' and wrapped_key is null"));
    }

    [Fact]
    public async Task retention_carried_out_erases_and_deletes_the_record_of_the_children_past_their_75th_birthday_and_no_other()
    {
        const string old = "ERA-5005", young = "ERA-5006";
        // Every service that keeps a record of the child, so that each one's streams and read model are reached.
        stack.Stack.Start<ReviewsHost>();
        stack.Stack.Start<HealthHost>();
        stack.Stack.Start<LeavingCareHost>();
        stack.Stack.Start<IndicatorsHost>();
        foreach (var (authority, child, born) in new[] { ("831", old, "1949-06-15"), ("831", young, "2010-06-15"), ("855", old, "1949-06-15") })
            await stack.InCareAsync(authority, child, dateOfBirth: born);
        // The old child also went missing at risk of exploitation: an episode stream, an alert and its disclosure row.
        var episodeId = Guid.NewGuid();
        var reported = await stack.MissingClient("831").Post("/api/missing-episodes",
            MissingRequests.Report(old, HoursAgo(3), criminal: true, episodeId: episodeId));
        Assert.True(reported.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted, $"{reported.StatusCode}");
        string[] oldStreams = [old, $"missing:{old}", $"episode:{episodeId}", $"reviews:{old}", $"health:{old}", $"leavingcare:{old}"];
        var inList = string.Join(", ", oldStreams.Select(s => $"'{s}'"));
        Assert.Equal(6, await Eventually.Within(TimeSpan.FromSeconds(30), () => stack.Stack.ScalarAsync(
            $"select count(distinct stream_id) from eventstore.mt_events where tenant_id = '831' and stream_id in ({inList})"), n => n == 6));
        // And each read model holds the child (the projections catch up on their own).
        var readModels = $"""
            select (select count(*) from eventstore.rev_children where authority = '831' and child_id = '{old}')
                 + (select count(*) from eventstore.hlt_children where authority = '831' and child_id = '{old}')
                 + (select count(*) from eventstore.lvc_care_leavers where authority = '831' and child_id = '{old}')
                 + least(1, (select count(*) from eventstore.ind_events where authority = '831' and (child_id = '{old}' or episode_id = '{episodeId}')))
            """;
        Assert.Equal(4, await Eventually.Within(TimeSpan.FromSeconds(30), () => stack.Stack.ScalarAsync(readModels), n => n == 4));
        Assert.True(await stack.Stack.ScalarAsync($"select count(*) from eventstore.ct_police_disclosures where authority = '831' and child_id = '{old}'") > 0);
        var eventsBefore = await stack.Stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '831' and stream_id in ({inList})");

        // The request role cannot delete a record on its own: not a child within retention, nor one whose key is not erased.
        await using (var app = new NpgsqlConnection(stack.Stack.AppDatabase))
        {
            await app.OpenAsync();
            foreach (var child in new[] { young, old })
            {
                await using var delete = new NpgsqlCommand(
                    $"select set_config('ct.authority', '831', false); select eventstore.ct_delete_past_retention('{child}', 75)", app);
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).SqlState);
            }
        }

        var refused = await Dpo("831", Scopes.SubjectAccess).PostAsync("/api/subject-access/retention/erasure", null);
        var answer = await Dpo("831", Scopes.SubjectAccessErase).PostAsync("/api/subject-access/retention/erasure", null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.Body();
        Assert.Contains(body["erased"]!.AsArray(), d => (string)d!["childId"]! == old);
        Assert.DoesNotContain(body["erased"]!.AsArray(), d => (string)d!["childId"]! == young);
        // Every event the rule listed was deleted (at least those counted above; the listing is made in the request).
        var listed = body["erased"]!.AsArray().Sum(d => (long)d!["events"]!);
        Assert.Equal(listed, (long)body["eventsDeleted"]!);
        Assert.True(listed >= eventsBefore, $"{listed} events listed, {eventsBefore} counted before");
        Assert.Equal(1, await stack.Stack.ScalarAsync($"select count(*) from eventstore.ct_child_keys where authority = '831' and child_id = '{old}' and wrapped_key is null and erased_at is not null"));
        Assert.Equal(0, await stack.Stack.ScalarAsync($"select count(*) from eventstore.ct_child_keys where child_id = '{young}' and erased_at is not null"));
        Assert.Equal(1, await stack.Stack.ScalarAsync($"select count(*) from eventstore.ct_child_read_audit where child_id = '{old}' and what = 'retention-erasure' and end_user = 'dpo-anna'"));
        // The whole record is gone (every stream, its events, the disclosure log), the key's tombstone and the audit stay.
        Assert.Equal(0, await stack.Stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '831' and stream_id in ({inList})"));
        Assert.Equal(0, await stack.Stack.ScalarAsync($"select count(*) from eventstore.mt_streams where tenant_id = '831' and id in ({inList})"));
        Assert.Equal(0, await stack.Stack.ScalarAsync($"select count(*) from eventstore.ct_police_disclosures where authority = '831' and child_id = '{old}'"));
        Assert.Equal(0, await stack.Stack.ScalarAsync($"select count(*) from eventstore.ct_outbox where authority = '831' and (body->>'childId' = '{old}' or body->>'episodeId' = '{episodeId}')"));
        Assert.Equal(HttpStatusCode.NotFound, (await stack.MissingClient("831").GetAsync($"/api/missing-episodes/{episodeId}")).StatusCode);
        Assert.Equal(0, await stack.Stack.ScalarAsync(readModels));
        // Indicators' count of copied events moves with them (it is what tells Indicators to read its cached histories
        // again), so it still equals the rows copied, whatever the projection copied meanwhile.
        Assert.Equal(0, await stack.Stack.ScalarAsync(
            "select (select events from eventstore.ind_authorities where authority = '831') - (select count(*) from eventstore.ind_events where authority = '831')"));
        // The young child of 831 and 855's child of the same id and birthday (another authority's record) are untouched.
        Assert.True(await stack.Stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '831' and stream_id = '{young}'") > 0);
        Assert.True(await stack.Stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '855' and stream_id in ('{old}', 'missing:{old}')") >= 2);
        Assert.Equal(0, await stack.Stack.ScalarAsync($"select count(*) from eventstore.ct_child_keys where authority = '855' and erased_at is not null"));

        // Run again: nobody is past retention any more, nothing more is deleted.
        var again = await (await Dpo("831", Scopes.SubjectAccessErase).PostAsync("/api/subject-access/retention/erasure", null)).Body();
        Assert.Empty(again["erased"]!.AsArray());
        Assert.Equal(0, (long)again["eventsDeleted"]!);
    }

    [Fact]
    public async Task a_master_key_rotation_rewraps_every_key_so_the_text_opens_under_the_new_master_key_and_not_the_old()
    {
        const string child = "ERA-7007", erasedChild = "ERA-7008";
        var (episodeId, _) = await ReportWithPersonalTextAsync(child);
        await ReportWithPersonalTextAsync(erasedChild);
        Assert.Equal(HttpStatusCode.OK, (await Dpo("831", Scopes.SubjectAccessErase).PostAsync($"/api/subject-access/children/{erasedChild}/erasure", null)).StatusCode);
        var store = stack.Missing.Services.GetRequiredService<DocumentStore>();
        var current = stack.Missing.Services.GetRequiredService<ChildDataKeys>();
        var next = ChildDataKeys.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ChildDataKeys.MasterKeyFile] = MasterKeyFile(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        }).Build(), "Production");
        await using var admin = new NpgsqlConnection(stack.Stack.Database);
        await admin.OpenAsync();
        await using var read = new NpgsqlCommand($"select data->>'riskReason' from eventstore.mt_events where stream_id = 'episode:{episodeId}' and data ? 'riskReason'", admin);
        var sealedReason = (string)(await read.ExecuteScalarAsync())!;
        var keyId = SealedText.KeyOf(sealedReason)!.Value;
        var keys = await stack.Stack.ScalarAsync("select count(*) from eventstore.ct_child_keys where wrapped_key is not null");

        var rewrapped = await current.RewrapAllAsync(stack.Stack.Database, "eventstore", next, CancellationToken.None);
        try
        {
            Assert.Equal(keys, rewrapped);
            var key = Assert.Single(await next.ForOpeningAsync(store, "831", [keyId], CancellationToken.None)).Value;
            Assert.Equal(Reason, SealedText.Open("831", sealedReason, key));
            Assert.Empty(await current.ForOpeningAsync(store, "831", [keyId], CancellationToken.None));
            // The erased child stays erased, and the table is under forced row-level security again.
            Assert.Equal(1, await stack.Stack.ScalarAsync($"select count(*) from eventstore.ct_child_keys where child_id = '{erasedChild}' and wrapped_key is null"));
            Assert.Equal(1, await stack.Stack.ScalarAsync("select count(*) from pg_class where relname = 'ct_child_keys' and relforcerowsecurity"));
            // Only the owner may re-wrap: the request role replacing a wrapped key with another is refused by the trigger.
            await using var app = new NpgsqlConnection(stack.Stack.AppDatabase);
            await app.OpenAsync();
            await using var replace = new NpgsqlCommand(
                $"select set_config('ct.authority', '831', false); update eventstore.ct_child_keys set wrapped_key = wrapped_key || '\\x00'::bytea where child_id = '{child}'", app);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => replace.ExecuteNonQueryAsync())).SqlState);
        }
        finally
        {
            // Back under the services' master key for the other tests of the class; this is a rotation too.
            Assert.Equal(rewrapped, await next.RewrapAllAsync(stack.Stack.Database, "eventstore", current, CancellationToken.None));
        }
        var export = await (await Dpo("831", Scopes.SubjectAccess).GetAsync($"/api/subject-access/children/{child}")).Content.ReadAsStringAsync();
        Assert.Contains(Reason, export);
    }

    /// <summary>A master key file as a deployment mounts it: base64 of the key.</summary>
    public static string MasterKeyFile(byte[] key)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ct-master-key-{Guid.NewGuid():N}");
        File.WriteAllText(path, Convert.ToBase64String(key));
        return path;
    }

    [Fact]
    public void outside_development_the_master_key_is_required_and_the_development_key_refused()
    {
        static ChildDataKeys Read(string environment, string? file) => ChildDataKeys.Read(
            new ConfigurationBuilder().AddInMemoryCollection(
                new Dictionary<string, string?> { [ChildDataKeys.MasterKeyFile] = file }).Build(), environment);
        var development = System.Security.Cryptography.SHA256.HashData("CareTracking development master key; not a secret"u8);

        var missing = Assert.Throws<InvalidOperationException>(() => Read("Production", null));
        var committed = Assert.Throws<InvalidOperationException>(() => Read("Production", MasterKeyFile(development)));

        Assert.Contains("Privacy:MasterKeyFile", missing.Message);
        Assert.Contains("development master key", committed.Message);
        Assert.False(Read("Production", MasterKeyFile(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))).IsDevelopment);
        Assert.True(Read("Testing", null).IsDevelopment);
        Assert.Throws<InvalidOperationException>(() => Read("Production", MasterKeyFile(new byte[16])));
    }
}
