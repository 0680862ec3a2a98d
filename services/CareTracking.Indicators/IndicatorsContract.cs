using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Projections;
using CareTracking.Indicators.Reference;
using CareTracking.Indicators.Returns.Checks;
using CareTracking.ServiceDefaults.OpenApi;

namespace CareTracking.Indicators;

/// <summary>The Indicators API as its OpenAPI document tells it (docs/indicators-service.md, docs/return-903.md,
/// docs/integrating.md). Indicators only reads what the other services record, apart from the authority's own
/// reference data (population and benchmarks, posted as CSV).</summary>
public sealed class IndicatorsContract : ApiContract
{
    private static readonly QueryDoc KnownAt = new("knownAt",
        "Read the history as it was known at this instant (with its offset, e.g. 2025-07-01T09:00:00Z): a figure as reported then, before later corrections. Default now.")
    { Example = "2025-07-01T09:00:00Z" };
    private static readonly QueryDoc AsAt = new("asAt", "The day to look from (YYYY-MM-DD). Default today in England.", QueryKind.Date) { Example = "2025-06-02" };
    private static readonly QueryDoc Year = new("year", "The collection year, named by the 31 March it ends on (2025 is 2024/25).", QueryKind.Integer)
    { Minimum = 2000, Maximum = 2100, Example = "2025" };

    private const string PopulationCsv = "year,population\n2025,71200\n";
    private const string BenchmarksCsv = "measure,year,national,comparator,source\ncla,2025,70,72,DfE CLA 2025\n";

    public override IReadOnlyList<OperationDoc> Operations =>
    [
        new("GET", "/api/indicators/committee", "getCommitteeReport", "The committee's figures for a year",
            "Every committee measure for the collection year `year`, or the 12 months ending `asAt` (give one), with the England and "
            + "comparator figures where known. `format=csv` (or Accept: text/csv) answers CSV.")
        {
            Returns = typeof(CommitteeResponse), AlsoProduces = ["text/csv"],
            Query = [Year, new("asAt", "The last day of a 12-month window (YYYY-MM-DD), instead of `year`.", QueryKind.Date) { Example = "2025-03-31" }, KnownAt,
                new("format", "json (default) or csv.", QueryKind.Code) { Values = ["json", "csv"] }],
        },
        new("GET", "/api/indicators/trend", "getTrend", "One measure over several years",
            "The measure `measure` (a committee measure key, e.g. cla or placementMix.fosterOther) for each collection year from `from` to `to` (at most 25 years).")
        {
            Returns = typeof(TrendResponse),
            Query = [new("measure", "A committee measure key.") { Example = "cla", Required = true },
                Year with { Name = "from", Description = "First collection year (by its 31 March).", Required = true },
                Year with { Name = "to", Description = "Last collection year (by its 31 March).", Required = true }, KnownAt],
        },
        new("GET", "/api/indicators/reviews/due", "getIndicatorsReviewsDue", "Children whose review falls due soon (committee view)",
            "As the committee's figures count them. Each child listed is audited.")
        {
            Returns = typeof(CareTracking.Indicators.Reviews.ReviewWorkList),
            Query = [new("withinWorkingDays", "How many working days ahead to look.", QueryKind.Integer) { Minimum = 0, Maximum = 60, Example = "20", Required = true }, AsAt],
        },
        new("GET", "/api/indicators/reviews/overdue", "getIndicatorsReviewsOverdue", "Children whose review is overdue (committee view)", "Each child listed is audited.")
        {
            Returns = typeof(CareTracking.Indicators.Reviews.ReviewWorkList), Query = [AsAt],
        },
        new("GET", "/api/returns/903/{year}", "getReturn903", "The 903 return of a collection year",
            "A zip of the 903 CSV files for the year ending 31 March `year`. Tables not produced yet are named in NOT-PRODUCED.txt and "
            + "the X-Return-Not-Produced header. Needs the returns scope: it is child-level.")
        {
            PathExamples = new Dictionary<string, string> { ["year"] = "2025" }, AlsoProduces = ["application/zip"],
            Query = [KnownAt, new("format", "csv (the default); the XML layout is not produced yet.", QueryKind.Code) { Values = ["csv"] }],
        },
        new("GET", "/api/returns/903/{year}/check", "getReturn903Check", "The 903 validation rules run on the return",
            "The issues the DfE's rules this service runs would raise (docs/return-903.md lists them).")
        {
            PathExamples = new Dictionary<string, string> { ["year"] = "2025" }, Returns = typeof(IReadOnlyList<ReturnIssue>), Query = [KnownAt],
        },
        new("GET", "/api/returns/annex-a/{list}", "getAnnexA", "An Ofsted Annex A list",
            "List 8 (children in care) as at `asAt`, as CSV or an xlsx workbook. Lists 9 and 10 are not produced yet.")
        {
            PathExamples = new Dictionary<string, string> { ["list"] = "8" },
            AlsoProduces = ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
            Query = [AsAt, new("format", "csv or xlsx.", QueryKind.Code) { Values = ["csv", "xlsx"] }],
        },
        new("GET", "/api/indicators/reference/population", "getPopulation", "The authority's child population by year", "For the rates per 10,000 children.")
        {
            Returns = typeof(PopulationTable),
        },
        new("GET", "/api/indicators/reference/benchmarks", "getBenchmarks", "The authority's benchmark figures", "England and comparator figures per measure and year.")
        {
            Returns = typeof(BenchmarkTable),
        },
        new("PUT", "/api/indicators/reference/population", "putPopulation", "Replace the child population table",
            $"CSV with the header `year,population`. Replaces every row.") { Returns = typeof(PopulationTable), Example = PopulationCsv },
        new("POST", "/api/indicators/reference/population", "postPopulation", "Add or change child population rows",
            $"CSV with the header `year,population`. Rows for years already held are replaced.") { Returns = typeof(PopulationTable), Example = PopulationCsv, Order = 1 },
        new("PUT", "/api/indicators/reference/benchmarks", "putBenchmarks", "Replace the benchmark table",
            "CSV with the header `measure,year,national,comparator,source`; an empty cell is an unknown value. Replaces every row.")
        { Returns = typeof(BenchmarkTable), Example = BenchmarksCsv },
        new("POST", "/api/indicators/reference/benchmarks", "postBenchmarks", "Add or change benchmark rows",
            "CSV with the header `measure,year,national,comparator,source`; an empty cell is an unknown value.")
        { Returns = typeof(BenchmarkTable), Example = BenchmarksCsv, Order = 2 },
        new("POST", "/api/indicators/admin/rebuild", "postRebuild", "Rebuild the read model from the events",
            "For every authority at once: the service operator's scope, never an authority's admin. Answers how many events were read and how fast.")
        {
            Returns = typeof(RebuildResult),
        },
    ];
}
