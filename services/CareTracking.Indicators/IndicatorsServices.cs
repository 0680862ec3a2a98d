using CareTracking.EventStore;
using CareTracking.Indicators.Breakdowns;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Comparisons;
using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Projections;
using CareTracking.Indicators.Reference;
using CareTracking.Indicators.ReportPack;
using CareTracking.Indicators.Returns;
using CareTracking.Indicators.Reviews;
using CareTracking.ServiceDefaults.Hosting;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Indicators;

public static class IndicatorsServices
{
    public static WebApplicationBuilder AddIndicators(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ChildEventsProjection>();
        services.AddSingleton<IProjection>(sp => sp.GetRequiredService<ChildEventsProjection>());
        services.AddSingleton<ProjectionRebuild>();
        services.AddSingleton<ProjectedEvents>();
        services.AddSingleton<ReferenceData>();
        services.AddSingleton<ComparisonData>();
        services.AddSingleton(Switches(builder.Configuration));
        services.AddSingleton(WorkingDays.England);
        services.AddSingleton<IReviewTimeliness>(new StatutoryReviewTimeliness(WorkingDays.England));
        services.AddSingleton<CommitteeIndicators>();
        services.AddSingleton<CommitteeReports>();
        return builder;
    }

    /// <summary>The counting switches (docs/measures.md), from Indicators:Switches:*; every report prints them.</summary>
    private static IndicatorSwitches Switches(IConfiguration config)
    {
        bool On(string name) => bool.TryParse(config[$"Indicators:Switches:{name}"], out var on) && on;
        return new IndicatorSwitches(
            SameCarerChangeIsNewPlacement: On(nameof(IndicatorSwitches.SameCarerChangeIsNewPlacement)),
            LeaveShortBreakReviewsOutOfTimeliness: On(nameof(IndicatorSwitches.LeaveShortBreakReviewsOutOfTimeliness)),
            AwayIncidentsInReturnInterviews: On(nameof(IndicatorSwitches.AwayIncidentsInReturnInterviews)));
    }

    /// <summary>Read-model tables are created after the event store schema, before any runner starts.</summary>
    public static WebApplication MapIndicators(this WebApplication app)
    {
        var schema = app.Services.GetRequiredService<SchemaInitializer>();
        schema.AfterSchema.Add(app.Services.GetRequiredService<ChildEventsProjection>().EnsureSchemaAsync);
        schema.AfterSchema.Add(app.Services.GetRequiredService<ReferenceData>().EnsureSchemaAsync);
        schema.AfterSchema.Add(app.Services.GetRequiredService<ComparisonData>().EnsureSchemaAsync);
        app.MapCommittee();
        app.MapReviewWorkLists();
        app.MapReferenceData();
        app.MapComparisons();
        app.MapBreakdowns();
        app.MapMissingChildren();
        app.MapReportPack();
        app.MapCommitteePdf();
        app.MapReturns();
        app.MapRebuild();
        return app;
    }

    /// <summary><c>dotnet CareTracking.Indicators.dll rebuild</c>: the same rebuild as the admin endpoint, from a shell.</summary>
    public static async Task<int> RebuildAsync(this WebApplication app)
    {
        using var background = WorkerConnections.Grant("rebuild command");
        var store = app.Services.GetRequiredService<DocumentStore>();
        await store.ApplySchemaAsync();
        await app.Services.GetRequiredService<ChildEventsProjection>().EnsureSchemaAsync(CancellationToken.None);
        var result = await app.Services.GetRequiredService<ProjectionRebuild>().RunAsync(CancellationToken.None);
        Console.WriteLine($"Rebuilt {result.Projection}: {result.Events} events in {result.Seconds} s ({result.EventsPerSecond} events/s)"
            + (result.ReachedHead ? "" : $"; {result.HeldBack} committed events wait behind a transaction still running on the server: "
                + "the service's projection applies them when it runs"));
        return 0;
    }
}
