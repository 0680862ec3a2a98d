using System.Net;
using System.Text.Json.Nodes;
using CareTracking.EventStore;
using CareTracking.Indicators;
using CareTracking.IntegrationTests.Harness;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.RecordingReturnInterview;
using CareTracking.MissingEpisodes.Episodes.ReportingMissing;
using CareTracking.Placements;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.Ssda903.Codes;
using HealthEvents = CareTracking.Health.Children;
using LeavingCareEvents = CareTracking.LeavingCare.CareLeavers;
using ReviewEvents = CareTracking.Reviews.Children;

namespace CareTracking.IntegrationTests.Indicators;

/// <summary>
/// Posts care histories to Placements over HTTP and appends missing-episode, Reviews, Health and Leaving-care
/// events straight into the store under their stored names, in those services' streams (this keeps the
/// Indicators tests to the events, whichever of those services' hosts run), then reads the Indicators API.
/// </summary>
public sealed class IndicatorsScenario(ServiceStack stack, ServiceHost<PlacementsHost> placements,
    ServiceHost<IndicatorsHost> indicators, string authority) : IAsyncDisposable
{
    private readonly HttpClient writer = placements.ClientFor(authority, Scopes.PlacementsWrite);
    private readonly DocumentStore store = new(new StoreOptions(stack.Database, "integration-tests"),
        new EventTypeRegistry().RegisterAssembly(typeof(MissingEpisodeReported).Assembly).RegisterAssembly(typeof(ReviewEvents.ReviewHeld).Assembly)
            .RegisterAssembly(typeof(HealthEvents.DentalCheckDone).Assembly).RegisterAssembly(typeof(LeavingCareEvents.ContactRecorded).Assembly));

    public HttpClient Reader { get; } = indicators.ClientFor(authority, Scopes.IndicatorsRead);
    /// <summary>An IRO manager's token: the child-level review work lists need reviews:read, not the committee's scope.</summary>
    public HttpClient IroReader { get; } = indicators.ClientFor(authority, Scopes.ReviewsRead);
    public HttpClient Admin { get; } = indicators.ClientFor(authority, Scopes.Admin);
    public HttpClient Operator { get; } = indicators.ClientFor(authority, Scopes.Operator);
    private readonly HttpClient health = indicators.CreateClient();

    public static object Placement(string type, string? provider = "PR1") =>
        new { type, provider, postcode = "DE22 3NE", urn = PlacementTypes.TakesNoUrn(type) ? null : "SC123456" };

    public async Task Entered(string child, string date, string legalStatus = "C2", string type = "U4", string? provider = "PR1", string dateOfBirth = "2012-02-02") =>
        await Ok(await writer.Post($"/api/children/{child}/entered-care", new
        {
            date,
            legalStatus,
            categoryOfNeed = "N1",
            placement = Placement(type, provider),
            homePostcode = "DE1 1AA",
            child = new { sex = "M", dateOfBirth, ethnicity = "WBRI", uasc = false },
        }));

    public async Task Moved(string child, string date, string type, string? provider = "PR1") =>
        await Ok(await writer.Post($"/api/children/{child}/placement-moves",
            new { date, placement = Placement(type, provider), sameCarer = false, reason = "CARPL" }));

    public async Task Ceased(string child, string date, string reason) =>
        await Ok(await writer.Post($"/api/children/{child}/ceased-care", new { date, reason }));

    /// <summary>When the child's first event was recorded, from Placements' own history.</summary>
    public async Task<DateTimeOffset> RecordedAt(string child)
    {
        var history = await (await placements.ClientFor(authority, Scopes.PlacementsRead).GetAsync($"/api/children/{child}/history")).Body();
        return DateTimeOffset.Parse((string)history[0]!["recordedAt"]!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <param name="closedAtEndOfCare">The end of care that closed the episode while the child was still missing.</param>
    public async Task WentMissing(string child, string kind, DateTimeOffset lastSeen, DateTimeOffset? returned = null, DateTimeOffset? interviewOffered = null,
        DateOnly? closedAtEndOfCare = null)
    {
        var id = Guid.NewGuid();
        var events = new List<PendingEvent>
        {
            new(new MissingEpisodeReported(id, authority, child, kind, lastSeen, lastSeen.AddHours(1), RiskLevel.Medium, RiskLevel.Medium,
                null, ExploitationRisk.None, null, false), DateOnly.FromDateTime(lastSeen.UtcDateTime)),
        };
        if (returned is { } back) events.Add(new(new ChildReturned(id, back, "DE1"), DateOnly.FromDateTime(back.UtcDateTime)));
        if (closedAtEndOfCare is { } ended)
            events.Add(new(new EpisodeClosedAtEndOfCare(id, ended, EndOfCareReason.CareEnded, "E8", ended.AddYears(-1)), ended));
        if (interviewOffered is { } offer)
            events.Add(new(new ReturnInterviewOffered(id, offer, offer - returned!.Value <= TimeSpan.FromHours(72)), DateOnly.FromDateTime(offer.UtcDateTime)));
        var session = store.LightweightSession(authority);
        session.Events.StartStream("missing-episode", $"episode:{id}", [.. events]);
        await session.SaveChangesAsync();
    }

    /// <summary>A report recorded after the child was back (POST /api/missing-episodes with returnedAt): the
    /// events the Missing episodes service decides for it, for a child in care since <paramref name="inCareFrom"/>,
    /// then the return interview offered, stored as that service stores them.</summary>
    public async Task ReportedAfterReturn(string child, DateOnly inCareFrom, DateTimeOffset lastSeen, DateTimeOffset returned, DateTimeOffset interviewOffered)
    {
        var id = Guid.NewGuid();
        var now = interviewOffered.AddDays(1);
        var inCare = MissingChild.Fold([new CarePeriodNoted(authority, child, inCareFrom, "DE", "M", new DateOnly(2012, 2, 2), Guid.NewGuid())]);
        var report = ReportMissing.Decide(new ReportMissing(id, authority, child, MissingKind.Missing, lastSeen, lastSeen, RiskLevel.Medium,
            null, ExploitationRisk.None, null, returned), inCare, null, now);
        var offered = RecordReturnInterview.Decide(new RecordReturnInterview(id, ReturnInterviewOutcome.Offered, interviewOffered),
            Episode.Fold(report.EpisodeEvents), now);
        var session = store.LightweightSession(authority);
        session.Events.StartStream("missing-episode", $"episode:{id}",
            [.. report.EpisodeEvents.Concat(offered.EpisodeEvents).Select(e => new PendingEvent(e, CareTracking.MissingEpisodes.Episodes.EpisodeStream.EffectiveDate(e)))]);
        await session.SaveChangesAsync();
    }

    public async Task Reviewed(string child, params object[] events)
    {
        var session = store.LightweightSession(authority);
        session.Events.Append("reviews-child", $"reviews:{child}", null, [.. events.Select(e => new PendingEvent(e))]);
        await session.SaveChangesAsync();
    }

    /// <summary>Health facts in the child's Health stream (docs/health.md).</summary>
    public async Task Health(string child, params object[] events)
    {
        var session = store.LightweightSession(authority);
        session.Events.Append("health-child", $"health:{child}", null, [.. events.Select(e => new PendingEvent(e))]);
        await session.SaveChangesAsync();
    }

    /// <summary>Leaving-care facts in the young person's Leaving-care stream (docs/leaving-care.md).</summary>
    public async Task LeavingCare(string child, params object[] events)
    {
        var session = store.LightweightSession(authority);
        session.Events.Append("leavingcare-child", $"leavingcare:{child}", null, [.. events.Select(e => new PendingEvent(e))]);
        await session.SaveChangesAsync();
    }

    /// <summary>
    /// The year ending 31 March 2025 for health and care leavers. H1 (born 2012, in care since January 2022) and H2
    /// (born May 2014, since February 2023) are the OC2 cohort: H1 assessed, immunised, dental check, SDQ 14; H2
    /// immunisations not up to date, SDQ 20. L1 (17 on 1 June 2024) left care at 16, has a personal adviser, in touch in
    /// education (F2) in semi-independent accommodation (D1); L2 (18 on 1 September 2024) left care that day into
    /// staying put (Z1), in touch, not in education or work (G5). Hand-computed: OC2 2, assessments, immunisations and
    /// dental checks 50.0 % each, SDQ average 17.0; OC3 2, in touch 100.0 %, EET 50.0 %, suitable accommodation 100.0 %,
    /// staying put 1 of 1, personal adviser 50.0 %.
    /// </summary>
    public async Task GivenHealthAndCareLeavers()
    {
        static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        await Entered("H1", "2022-01-10");
        await Entered("H2", "2023-02-01", dateOfBirth: "2014-05-05");
        await Entered("L1", "2021-01-10", dateOfBirth: "2007-06-01");
        await Ceased("L1", "2024-03-01", "E5");
        await Entered("L2", "2020-01-10", dateOfBirth: "2006-09-01");
        await Ceased("L2", "2024-09-01", "E17");
        await Health("H1", new HealthEvents.HealthAssessmentCarriedOut(D("2024-09-01"), CareTracking.Ssda903.Health.AssessmentKind.Review),
            new HealthEvents.ImmunisationsChecked(D("2024-09-01"), true), new HealthEvents.DentalCheckDone(D("2024-10-01")),
            new HealthEvents.SdqRecorded(D("2024-09-01"), 14, null));
        await Health("H2", new HealthEvents.ImmunisationsChecked(D("2024-06-01"), false), new HealthEvents.SdqRecorded(D("2024-07-01"), 20, null));
        await LeavingCare("L1", new LeavingCareEvents.PersonalAdviserAllocated(D("2024-03-01"), "PA-1"),
            new LeavingCareEvents.ContactRecorded(D("2024-05-20"), "YES", "F2", "D1"));
        await LeavingCare("L2", new LeavingCareEvents.ContactRecorded(D("2024-09-01"), "YES", "G5", "Z1"),
            new LeavingCareEvents.StayingPutRecorded(D("2024-09-01"), null));
    }

    public async Task<JsonNode> Committee(string query, Func<JsonNode, bool> until)
    {
        var body = await Eventually.Within(TimeSpan.FromSeconds(20),
            async () => await (await Reader.GetAsync($"/api/indicators/committee?{query}")).Body(), until);
        return body;
    }

    /// <summary>
    /// The operator's rebuild, waited on until the read model has every committed event. A 200 says so itself. A 202
    /// says a transaction elsewhere on the server (another test class's, the fence is server-wide) held events
    /// behind the feed's fence for longer than the rebuild waits, and that the projection applies them once it ends:
    /// it is waited on where the 202 points, the projection's lag on /health/ready, until that is 0.
    /// </summary>
    public async Task<HttpResponseMessage> RebuildToTheHead()
    {
        var rebuild = await Operator.PostAsync("/api/indicators/admin/rebuild", null);
        var answer = await rebuild.Body();
        if (rebuild.StatusCode == HttpStatusCode.Accepted)
        {
            Assert.False((bool)answer["reachedHead"]!);
            Assert.True((long)answer["heldBack"]! > 0);
            Assert.Equal(0, await Eventually.Within(TimeSpan.FromMinutes(2), Lag, lag => lag == 0));
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, rebuild.StatusCode);
            Assert.True((bool)answer["reachedHead"]!);
            Assert.Equal(0, (long)answer["heldBack"]!);
        }
        return rebuild;
    }

    private async Task<long> Lag()
    {
        var ready = await (await health.GetAsync("/health/ready")).Body();
        return (long?)ready["checks"]?["projections"]?["data"]?["indicators-child-events"]?["lag"] ?? -1;
    }

    public static decimal? Value(JsonNode report, string measure) => (decimal?)report["measures"]?[measure]?["value"];

    private static async Task Ok(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
            throw new InvalidOperationException($"Placements answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
