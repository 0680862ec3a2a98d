using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CareTracking.EventStore;

/// <summary>
/// The event store's spans and instruments (source and meter "CareTracking.EventStore"), for whatever
/// OpenTelemetry provider the host attaches (ServiceDefaults' Telemetry). Tags carry stream types, message
/// types and police force codes, never a stream id: stream ids hold child ids.
/// </summary>
public static class EventStoreTelemetry
{
    public const string Name = "CareTracking.EventStore";
    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Appended = Meter.CreateCounter<long>("caretracking.events.appended",
        unit: "{event}", description: "Events appended (tag stream_type)");

    /// <summary>The W3C traceparent of the current span, stored with each outbox row at append time so the
    /// relay, which runs later on another thread, continues the request's trace.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : null;

    /// <summary>A producer span for one outbox message, child of the trace the message was appended in (or a
    /// new trace when the row has none, e.g. rows written before traceparents were kept).</summary>
    public static Activity? StartRelay(OutboxRecord message)
    {
        ActivityContext parent = default;
        if (message.TraceParent is { } traceParent) ActivityContext.TryParse(traceParent, null, out parent);
        var activity = Source.StartActivity("outbox relay " + message.MessageType, ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", message.MessageId.ToString());
        activity?.SetTag("caretracking.outbox.transport", message.Transport);
        return activity;
    }
}
