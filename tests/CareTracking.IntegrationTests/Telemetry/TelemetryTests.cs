using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.Reviews;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlacementsService = CareTracking.Placements.PlacementsHost;

namespace CareTracking.IntegrationTests.Telemetry;

/// <summary>
/// Issue 13, telemetry: one trace from a post to Placements through the append, the outbox row, the relay's
/// publish and RabbitMQ to Missing episodes' consumer and its own append; /metrics in Prometheus text behind
/// the ops:metrics scope; and the traceId of a problem response in the scope of that request's log line.
/// </summary>
public sealed class TelemetryTests(MissingServices fixture) : IClassFixture<MissingServices>, IDisposable
{
    private readonly MissingStack stack = fixture.Services;
    private readonly ConcurrentQueue<Activity> spans = new();
    private ActivityListener? listener;

    private void Listen()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "CareTracking.EventStore" or "MassTransit" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose() => listener?.Dispose();

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    [Fact]
    public async Task a_post_to_placements_and_missing_episodes_consuming_its_message_share_one_trace()
    {
        Listen();
        var traceId = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/children/TRACE-1/entered-care")
        {
            Content = System.Net.Http.Json.JsonContent.Create(MissingRequests.EnteredCare("2025-04-10", "DE22 3NE"), options: Requests.Json),
        };
        // As a case system that traces its own calls would send it (W3C Trace Context).
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var posted = await stack.Placements.ClientFor("831", Scopes.PlacementsWrite).SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        // The outbox row keeps the request's trace for the relay, which sends it later on another thread.
        Assert.Equal(1, await stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.ct_outbox where body->>'childId' = 'TRACE-1' and traceparent like '00-{traceId.ToHexString()}-%'"));

        var consumed = await Eventually.Within(TimeSpan.FromSeconds(20), () => Task.FromResult(Of(traceId)),
            s => s.Any(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer)
                 && s.Count(a => a.DisplayName == "event store append") >= 2);
        var names = string.Join(", ", consumed.Select(a => $"{a.Source.Name}:{a.DisplayName}:{a.Kind}"));
        Assert.Contains(consumed, a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server);
        Assert.Contains(consumed, a => a.Source.Name == "CareTracking.EventStore" && a.DisplayName.StartsWith("outbox relay ", StringComparison.Ordinal));
        Assert.True(consumed.Any(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer),
            $"Missing episodes' consumer did not continue the trace; spans in it: {names}");
        // Placements' append and Missing episodes' append of the care period it noted.
        Assert.True(consumed.Count(a => a.DisplayName == "event store append") >= 2, names);
        // No span carries the path, which holds the child id.
        Assert.DoesNotContain(consumed, a => a.TagObjects.Any(t => t.Value?.ToString()?.Contains("TRACE-1") == true));
    }

    private List<Activity> Of(ActivityTraceId traceId) => spans.Where(a => a.TraceId == traceId).ToList();

    [Fact]
    public async Task metrics_are_served_in_prometheus_text_with_the_ops_metrics_scope_and_refused_without_it()
    {
        await using var derbyshire = await PoliceQueue.BindAsync(stack.Stack.Broker, "derbyshire");
        await stack.InCareAsync("831", "metrics-1", postcode: "DE22 3NE");
        Assert.Equal(HttpStatusCode.Created, (await stack.MissingClient("831").Post("/api/missing-episodes",
            MissingRequests.Report("metrics-1", HoursAgo(2)))).StatusCode);
        Assert.NotEmpty(await derbyshire.WaitForAsync(r => r.Count >= 1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await stack.Missing.CreateClient().GetAsync("/metrics")).StatusCode);
        var refused = await stack.Missing.ClientFor("831", Scopes.MissingRead, Scopes.Operator).GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("ops:metrics", await refused.Content.ReadAsStringAsync());

        var operatorClient = stack.Missing.ClientFor("831", Scopes.OpsMetrics);
        string text = "";
        string[] expected =
        [
            "http_server_request_duration_seconds_count{",
            "caretracking_events_appended_total{",
            "caretracking_outbox_sent_total",
            "caretracking_outbox_backlog ",
            "caretracking_outbox_parked_current ",
            "caretracking_police_alerts_sent_total{",
        ];
        await Eventually.Within(TimeSpan.FromSeconds(20), async () =>
        {
            var scraped = await operatorClient.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
            return text = await scraped.Content.ReadAsStringAsync();
        }, t => expected.All(t.Contains));
        foreach (var name in expected) Assert.Contains(name, text);
        Assert.Contains("force=\"derbyshire\"", text);
        Assert.Contains("stream_type=\"", text);
        Assert.DoesNotContain("metrics-1", text);
    }

    [Fact]
    public async Task projection_lag_is_a_metric_and_in_health_in_a_service_that_projects()
    {
        await using var reviews = new ServiceHost<ReviewsHost>(stack.Stack);
        var client = reviews.ClientFor("831", Scopes.OpsMetrics);
        var text = await Eventually.Within(TimeSpan.FromSeconds(20),
            async () => await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync(),
            t => t.Contains("caretracking_projection_lag{"));
        Assert.Contains("caretracking_projection_lag{", text);
        var health = await (await reviews.CreateClient().GetAsync("/health/ready")).Content.ReadAsStringAsync();
        Assert.Contains("\"projections\"", health);
        Assert.Contains("\"outbox\"", health);
    }

    /// <summary>Every line in the scope of a request carries its TraceId, and a problem's traceId is that id.</summary>
    private sealed class ScopedLines : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();
        public ConcurrentQueue<(string Line, List<KeyValuePair<string, object?>> Scope)> Lines { get; } = new();
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;
        public ILogger CreateLogger(string category) => new Logger(category, this);
        public void Dispose() { }

        private sealed class Logger(string category, ScopedLines owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);
            public bool IsEnabled(LogLevel level) => level >= LogLevel.Information;
            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? error, Func<TState, Exception?, string> format)
            {
                if (!IsEnabled(level)) return;
                var scope = new List<KeyValuePair<string, object?>>();
                owner.scopes.ForEachScope((s, list) =>
                {
                    if (s is IEnumerable<KeyValuePair<string, object?>> pairs) list.AddRange(pairs);
                    else list.Add(new("scope", s?.ToString()));
                }, scope);
                owner.Lines.Enqueue(($"{level} {category}: {format(state, error)}", scope));
            }
        }
    }

    [Fact]
    public async Task the_trace_id_of_a_problem_response_is_in_the_scope_of_the_requests_log_line_and_no_scope_holds_the_path()
    {
        var lines = new ScopedLines();
        await using var host = new ServiceHost<PlacementsService>(stack.Stack).WithWebHostBuilder(b => b
            .UseSetting("Logging:LogLevel:Default", "Information")
            .ConfigureServices(s => s.AddSingleton<ILoggerProvider>(lines)));
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("831", Scopes.PlacementsRead));

        var missing = await client.GetAsync("/api/children/SCOPE-C991");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var traceId = (string)(await missing.Body())["traceId"]!;
        Assert.Matches("^[0-9a-f]{32}$", traceId);

        var requestLines = lines.Lines.Where(l => l.Scope.Any(p => p.Key == "TraceId" && p.Value?.ToString() == traceId)).ToList();
        var line = Assert.Single(requestLines, l => l.Line.Contains("answered 404"));
        Assert.Contains(line.Scope, p => p.Key == "SpanId");
        Assert.True(line.Line.Contains("{childId}"), line.Line);
        // One line per request: routing's "Executing endpoint" lines are gone.
        Assert.Single(requestLines);
        Assert.DoesNotContain(lines.Lines, l => l.Line.Contains("SCOPE-C991") || l.Scope.Any(p => p.Value?.ToString()?.Contains("SCOPE-C991") == true));
    }
}
