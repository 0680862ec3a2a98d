using System.Collections.Concurrent;
using System.IO.Compression;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareTracking.IntegrationTests.Telemetry;

/// <summary>A span as it arrived over OTLP: the exporting service, the instrumentation scope and the span itself.</summary>
public sealed record ReceivedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind,
    IReadOnlyDictionary<string, string> Attributes)
{
    public const int Server = 2, Producer = 4, Consumer = 5;
    public override string ToString() => $"{Service} {Scope} '{Name}' kind {Kind}";
}

/// <summary>
/// An OTLP/HTTP receiver on 127.0.0.1, in the test, standing in for an OpenTelemetry collector: POST /v1/traces,
/// /v1/metrics and /v1/logs with protobuf bodies (gzip or not), answered 200 with an empty export response. The
/// bodies are decoded with Google.Protobuf's wire-format reader, walking the OTLP messages by their field numbers
/// (opentelemetry-proto: collector/trace/v1, trace/v1, metrics/v1, common/v1, resource/v1); fields not named here
/// are skipped as any protobuf reader skips unknown fields.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    public ConcurrentQueue<ReceivedSpan> Spans { get; } = new();
    /// <summary>(service, metric name) pairs, one per metric per export.</summary>
    public ConcurrentQueue<(string Service, string Metric)> Metrics { get; } = new();
    /// <summary>Every body received, by path, as sent (after gzip): for checks on the raw bytes.</summary>
    public ConcurrentQueue<(string Path, byte[] Body)> Bodies { get; } = new();
    public string Url { get; private set; } = "";

    private OtlpReceiver(WebApplication app) => this.app = app;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new OtlpReceiver(builder.Build());
        foreach (var signal in new[] { "traces", "metrics", "logs" })
            receiver.app.MapPost("/v1/" + signal, (Delegate)receiver.ReceiveAsync);
        await receiver.app.StartAsync();
        receiver.Url = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/x-protobuf", StringComparison.Ordinal) != true)
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        var body = new MemoryStream();
        var input = context.Request.Headers.ContentEncoding == "gzip" ? new GZipStream(context.Request.Body, CompressionMode.Decompress) : context.Request.Body;
        await input.CopyToAsync(body);
        var bytes = body.ToArray();
        var path = context.Request.Path.Value!;
        Bodies.Enqueue((path, bytes));
        if (path == "/v1/traces") ReadTraces(bytes);
        if (path == "/v1/metrics") ReadMetrics(bytes);
        return Results.Bytes([], "application/x-protobuf");
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
    //        repeated KeyValue attributes = 9; }
    private void ReadTraces(byte[] request)
    {
        foreach (var resourceSpans in Messages(request, 1))
        {
            var service = ServiceName(resourceSpans);
            foreach (var scopeSpans in Messages(resourceSpans, 2))
            {
                var scope = Messages(scopeSpans, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? "";
                foreach (var span in Messages(scopeSpans, 2))
                {
                    var fields = Fields(span);
                    Spans.Enqueue(new ReceivedSpan(service, scope, Hex(span, 1), Hex(span, 2), Hex(span, 4), Text(span, 5) ?? "",
                        (int)fields.Where(f => f.Number == 6).Select(f => f.Number64).FirstOrDefault(),
                        Messages(span, 9).Select(KeyValue).Where(kv => kv.Value is not null).DistinctBy(kv => kv.Key)
                            .ToDictionary(kv => kv.Key, kv => kv.Value!)));
                }
            }
        }
    }

    // ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
    // ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
    // ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; }   Metric { string name = 1; ... }
    private void ReadMetrics(byte[] request)
    {
        foreach (var resourceMetrics in Messages(request, 1))
        {
            var service = ServiceName(resourceMetrics);
            foreach (var scopeMetrics in Messages(resourceMetrics, 2))
                foreach (var metric in Messages(scopeMetrics, 2))
                    Metrics.Enqueue((service, Text(metric, 1) ?? ""));
        }
    }

    // Resource { repeated KeyValue attributes = 1; }: the service.name attribute.
    private static string ServiceName(byte[] resourceSignal) =>
        Messages(resourceSignal, 1).SelectMany(resource => Messages(resource, 1)).Select(KeyValue)
            .FirstOrDefault(kv => kv.Key == "service.name").Value ?? "";

    // KeyValue { string key = 1; AnyValue value = 2; }  AnyValue { string string_value = 1; bool = 2; int64 = 3; ... }
    private static (string Key, string? Value) KeyValue(byte[] keyValue)
    {
        var key = Text(keyValue, 1) ?? "";
        var value = Messages(keyValue, 2).FirstOrDefault();
        if (value is null) return (key, null);
        var fields = Fields(value);
        if (fields.FirstOrDefault(f => f.Number == 1) is { Bytes: { } text }) return (key, text.ToStringUtf8());
        if (fields.FirstOrDefault(f => f.Number == 3) is { Bytes: null } integer) return (key, ((long)integer.Number64).ToString());
        return (key, null);
    }

    private sealed record Field(int Number, ByteString? Bytes, ulong Number64);

    /// <summary>One message's fields, in order (protobuf wire format).</summary>
    private static List<Field> Fields(byte[] message)
    {
        var fields = new List<Field>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.LengthDelimited: fields.Add(new Field(number, input.ReadBytes(), 0)); break;
                case WireFormat.WireType.Varint: fields.Add(new Field(number, null, input.ReadUInt64())); break;
                case WireFormat.WireType.Fixed64: fields.Add(new Field(number, null, input.ReadFixed64())); break;
                case WireFormat.WireType.Fixed32: fields.Add(new Field(number, null, input.ReadFixed32())); break;
                default: input.SkipLastField(); break;
            }
        }
        return fields;
    }

    private static IEnumerable<byte[]> Messages(byte[] message, int number) =>
        Fields(message).Where(f => f.Number == number && f.Bytes is not null).Select(f => f.Bytes!.ToByteArray());

    private static string? Text(byte[] message, int number) =>
        Fields(message).FirstOrDefault(f => f.Number == number && f.Bytes is not null)?.Bytes!.ToStringUtf8();

    private static string Hex(byte[] message, int number) =>
        Convert.ToHexStringLower(Fields(message).FirstOrDefault(f => f.Number == number && f.Bytes is not null)?.Bytes!.ToByteArray() ?? []);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
