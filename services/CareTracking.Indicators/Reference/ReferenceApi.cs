using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.Indicators.Reference;

public sealed record PopulationTable(IReadOnlyList<PopulationRow> Rows);
public sealed record BenchmarkTable(IReadOnlyList<BenchmarkRow> Rows);

/// <summary>
/// Reference data of the token's authority. Reading needs indicators:read; loading needs admin and takes a
/// CSV body (text/csv): PUT replaces the whole set, POST adds or updates rows.
/// </summary>
public static class ReferenceApi
{
    public static void MapReferenceData(this IEndpointRouteBuilder app)
    {
        var reference = app.MapGroup("/api/indicators/reference").WithTags("Reference data");

        reference.MapGet("/population", async (HttpContext http, ReferenceData data) =>
            Results.Ok(new PopulationTable(await data.PopulationsAsync(http.User.Authority(), http.RequestAborted))))
            .RequireAuthorization(Scopes.IndicatorsRead);
        reference.MapGet("/benchmarks", async (HttpContext http, ReferenceData data) =>
            Results.Ok(new BenchmarkTable(await data.BenchmarksAsync(http.User.Authority(), http.RequestAborted))))
            .RequireAuthorization(Scopes.IndicatorsRead);

        foreach (var (method, replace) in new[] { (HttpMethods.Put, true), (HttpMethods.Post, false) })
        {
            reference.MapMethods("/population", [method], async (HttpContext http, ReferenceData data) =>
            {
                var rows = ReferenceData.ParsePopulations(await Body(http));
                await data.SavePopulationsAsync(http.User.Authority(), rows, replace, http.RequestAborted);
                return Results.Ok(new PopulationTable(await data.PopulationsAsync(http.User.Authority(), http.RequestAborted)));
            }).RequireAuthorization(Scopes.Admin).Accepts<string>("text/csv");

            reference.MapMethods("/benchmarks", [method], async (HttpContext http, ReferenceData data) =>
            {
                var rows = ReferenceData.ParseBenchmarks(await Body(http));
                await data.SaveBenchmarksAsync(http.User.Authority(), rows, replace, http.RequestAborted);
                return Results.Ok(new BenchmarkTable(await data.BenchmarksAsync(http.User.Authority(), http.RequestAborted)));
            }).RequireAuthorization(Scopes.Admin).Accepts<string>("text/csv");
        }
    }

    private static async Task<string> Body(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        return await reader.ReadToEndAsync(http.RequestAborted);
    }
}
