using System.Diagnostics;
using System.Net;
using System.Text;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;
using Xunit.Abstractions;

namespace CareTracking.IntegrationTests.Telemetry;

/// <summary>
/// Issue 13: OTLP export seen working. Placements and Missing episodes run as processes of their own, pointed at an
/// OTLP/HTTP receiver in the test through the documented settings only (OTEL_EXPORTER_OTLP_ENDPOINT and
/// OTEL_EXPORTER_OTLP_PROTOCOL, docs/telemetry.md); a post to Placements with a caller's traceparent must arrive as
/// one trace across both services (HTTP request, append, outbox relay, MassTransit publish, Missing episodes'
/// consume and its append), and both services' metrics must arrive too.
/// </summary>
public sealed class OtlpExportTests(ServiceStack stack, ITestOutputHelper output) : IClassFixture<ServiceStack>
{
    private const string Child = "OTLP-C1";

    private Dictionary<string, string> Exporting(OtlpReceiver receiver) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Url,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        // Standard knobs, so the test need not wait the defaults (5 s batches, 60 s metric exports).
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    [Fact]
    public async Task a_post_to_placements_arrives_at_an_otlp_receiver_as_one_trace_through_missing_episodes_consumer_and_metrics_arrive()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        // The consumer first, so its queue is bound before Placements publishes (deploy/README.md).
        await using var missing = await ServiceProcess.StartAsync("CareTracking.MissingEpisodes", stack, Exporting(receiver));
        await using var placements = await ServiceProcess.StartAsync("CareTracking.Placements", stack, Exporting(receiver));

        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/children/{Child}/entered-care")
        {
            Content = System.Net.Http.Json.JsonContent.Create(MissingRequests.EnteredCare("2025-04-10", "DE22 3NE"), options: Requests.Json),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var posted = await placements.ClientFor("831", Scopes.PlacementsWrite).SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        List<ReceivedSpan> Trace() => receiver.Spans.Where(s => s.TraceId == traceId).ToList();
        bool Has(List<ReceivedSpan> spans, string service, Func<ReceivedSpan, bool> what) => spans.Any(s => s.Service == service && what(s));
        const string PlacementsService = "caretracking-placements", MissingService = "caretracking-missingepisodes";
        var wanted = new (string What, string Service, Func<ReceivedSpan, bool> Span)[]
        {
            ("the HTTP request", PlacementsService, s => s.Scope == "Microsoft.AspNetCore" && s.Kind == ReceivedSpan.Server
                && s.Name == "POST /api/children/{childId}/entered-care"),
            ("Placements' append", PlacementsService, s => s.Scope == "CareTracking.EventStore" && s.Name == "event store append"),
            ("the outbox relay", PlacementsService, s => s.Scope == "CareTracking.EventStore" && s.Name.StartsWith("outbox relay ", StringComparison.Ordinal)
                && s.Kind == ReceivedSpan.Producer),
            ("MassTransit's publish", PlacementsService, s => s.Scope == "MassTransit" && s.Kind == ReceivedSpan.Producer),
            ("Missing episodes' consume", MissingService, s => s.Scope == "MassTransit" && s.Kind == ReceivedSpan.Consumer),
            ("Missing episodes' append", MissingService, s => s.Scope == "CareTracking.EventStore" && s.Name == "event store append"),
        };
        // Every span but the request's own has its parent in the trace: one tree, not only one id (the relay's span
        // is the append's child through the outbox row's traceparent; the consume descends from the publish).
        static bool OneTree(List<ReceivedSpan> spans)
        {
            var ids = spans.Select(s => s.SpanId).ToHashSet();
            return spans.Where(s => s.Scope != "Microsoft.AspNetCore").All(s => ids.Contains(s.ParentSpanId));
        }
        var trace = await Eventually.Within(TimeSpan.FromSeconds(60), () => Task.FromResult(Trace()),
            spans => wanted.All(w => Has(spans, w.Service, w.Span)) && OneTree(spans));
        var seen = $"spans of the trace: [{string.Join("; ", trace)}]; all spans received: {receiver.Spans.Count}, "
            + $"services: [{string.Join(", ", receiver.Spans.Select(s => s.Service).Distinct())}]\nPlacements:\n{placements.Output}";
        output.WriteLine(string.Join("\n", trace.Select(s => $"{s} span {s.SpanId} parent {s.ParentSpanId}")));
        output.WriteLine("paths posted to: " + string.Join(", ", receiver.Bodies.GroupBy(b => b.Path).Select(g => $"{g.Key} x{g.Count()}")));
        foreach (var (what, service, span) in wanted)
            Assert.True(Has(trace, service, span), $"{what} did not arrive over OTLP from {service}; {seen}");

        Assert.True(OneTree(trace), $"a span's parent is not in the trace; {seen}");

        // No span, and no byte of any trace export, holds the child id (the path and stream id hold it).
        Assert.DoesNotContain(trace, s => s.Attributes.Values.Any(v => v.Contains(Child, StringComparison.Ordinal)) || s.Name.Contains(Child, StringComparison.Ordinal));
        Assert.DoesNotContain(receiver.Bodies, b => b.Path == "/v1/traces" && Encoding.UTF8.GetString(b.Body).Contains(Child, StringComparison.Ordinal));

        // Metrics, over the same endpoint: requests (ASP.NET Core), appends and the relay's sends.
        string[] metrics = ["http.server.request.duration", "caretracking.events.appended", "caretracking.outbox.sent"];
        await Eventually.Within(TimeSpan.FromSeconds(30), () => Task.FromResult(receiver.Metrics.ToList()),
            m => metrics.All(name => m.Contains((PlacementsService, name))) && m.Contains((MissingService, "caretracking.events.appended")));
        foreach (var name in metrics)
            Assert.True(receiver.Metrics.Contains((PlacementsService, name)),
                $"{name} did not arrive from Placements; received: {string.Join(", ", receiver.Metrics.Where(m => m.Service == PlacementsService).Select(m => m.Metric).Distinct())}");
        Assert.Contains((MissingService, "caretracking.events.appended"), receiver.Metrics);
    }
}
