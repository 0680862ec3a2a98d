using CareTracking.Indicators.Breakdowns;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Comparisons;
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
    private static readonly QueryDoc Format = new("format", "json (default) or csv.", QueryKind.Code) { Values = ["json", "csv"] };
    // No example: the routes refuse year and asAt together, and the generated curl examples (docs/integrating.md) give
    // every query parameter that has one, so an example here made every window route's example answer 422.
    private static readonly QueryDoc WindowAsAt = new("asAt", "The last day of a 12-month window (YYYY-MM-DD), instead of `year`.", QueryKind.Date);

    private const string PublishedCsv =
        "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,population_count,number\n"
        + "2024,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March,\"83,630\"\n";
    private const string NeighboursCsv = "authority\n856\n873\n";
    private const string TargetsCsv = "measure,year,target,better\ncla,2025,70,lower\n";
    private const string BenchmarksCsv = "measure,year,national,comparator,source\ncla,2025,70,72,DfE CLA 2025\n";

    public override IReadOnlyList<OperationDoc> Operations =>
    [
        new("GET", "/api/indicators/committee", "getCommitteeReport", "The committee's figures for a year",
            "Every committee measure for the collection year `year`, or the 12 months ending `asAt` (give one), with the England and "
            + "comparator figures where known. `format=csv` (or Accept: text/csv) answers CSV.")
        {
            Returns = typeof(CommitteeResponse), AlsoProduces = ["text/csv"],
            Query = [Year, WindowAsAt, KnownAt,
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
        new("GET", "/api/indicators/trend/monthly", "getMonthlyTrend", "One measure at each month end",
            "The measure `measure` as at the last day of each month from `from` to `to` (YYYY-MM, at most 60 months): snapshot measures on "
            + "that day, flows and percentages over the 12 months ending it, so \"as at 31 July 2021\" is a point. England and the comparator "
            + "only at 31 March.")
        {
            Returns = typeof(MonthlyTrendResponse),
            Query = [new("measure", "A committee measure key.") { Example = "cla", Required = true },
                new("from", "First month (YYYY-MM).") { Example = "2021-04", Required = true },
                new("to", "Last month (YYYY-MM).") { Example = "2022-03", Required = true }, KnownAt],
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
            "A zip of the 903 CSV files for the year ending 31 March `year`, or with `format=xml` the same content as one document in "
            + "the DfE's EXPSSDA903 layout (schema 3.3.0; SWEpisodes, which that schema has no element for, is named in the "
            + "X-Return-Not-In-Xml header). Tables not produced yet are named in NOT-PRODUCED.txt and the X-Return-Not-Produced header. "
            + "Needs the returns scope: it is child-level.")
        {
            PathExamples = new Dictionary<string, string> { ["year"] = "2025" }, AlsoProduces = ["application/zip", "application/xml"],
            Query = [KnownAt, new("format", "csv (the default: a zip of CSV files) or xml (EXPSSDA903).", QueryKind.Code) { Values = ["csv", "xml"] }],
        },
        new("GET", "/api/returns/903/{year}/check", "getReturn903Check", "The 903 validation rules run on the return",
            "The issues the DfE's rules this service runs would raise (docs/return-903.md lists them). The rules that compare "
            + "with last year's return (503A-H, 576, 205A, 205B, 205D) run when `lastYearKnownAt` says when last year's return was exported: it is "
            + "built as known then, as the DfE holds it. Without it they are not run, and `X-Checks-Not-Run` names them.")
        {
            PathExamples = new Dictionary<string, string> { ["year"] = "2025" }, Returns = typeof(IReadOnlyList<ReturnIssue>),
            Query = [KnownAt, new("lastYearKnownAt", "When last year's return was exported (an instant with its offset): the rules comparing with it run against it as known then.") { Example = "2024-06-28T16:00:00Z" }],
        },
        new("GET", "/api/returns/annex-a/{list}", "getAnnexA", "An Ofsted Annex A list",
            "List 8 (children in care), List 9 (care leavers) or List 10 (adoption) as at `asAt`, as CSV or an xlsx workbook.")
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
        new("GET", "/api/indicators/comparisons", "getComparisons", "The committee's figures beside England, the region, neighbours and targets",
            "Each measure of the year (or the 12 months ending `asAt`) with England's figure, the authority's region and its statistical "
            + "neighbours (from the member authorities' published figures, with how many have one) as the DfE had published them at "
            + "`knownAt`, and the target with met or not met. `format=csv` answers CSV.")
        {
            Returns = typeof(ComparisonReport), AlsoProduces = ["text/csv"], Query = [Year, WindowAsAt, KnownAt, Format],
        },
        new("GET", "/api/indicators/breakdowns", "getBreakdowns", "The profile of the children looked after, the missing analysis and IRO caseloads",
            "Counts only (no child is named): children looked after at the day by age band, sex, ethnicity group, legal status, category of "
            + "need and UASC; missing incidents of the window by placement, provider, child, found area, highest risk level and exploitation "
            + "risk, and returns whose interview was completed within 72 hours; children per IRO against the guidance figure. `format=csv` "
            + "answers CSV, in which counts of 1 and 2 and their percentages are withheld as `c` (with secondary suppression).")
        {
            Returns = typeof(BreakdownsResponse), AlsoProduces = ["text/csv"], Query = [Year, WindowAsAt, KnownAt, Format],
        },
        new("GET", "/api/indicators/missing/children", "getMissingChildren", "The children behind the missing analysis (child-level)",
            "Each child with missing (M) incidents starting in the window, most incidents first: incidents, highest risk level, exploitation "
            + "risk, returns without a completed interview and returns whose interview was completed later than 72 hours. Names children, "
            + "so it needs missing:read, not indicators:read; each child listed is audited.")
        {
            Returns = typeof(MissingChildList), Query = [Year, WindowAsAt, KnownAt],
        },
        new("GET", "/api/indicators/report-pack", "getReportPack", "The committee report pack as a workbook or CSV",
            "The measures, the comparisons and the breakdowns, one sheet each (`format=xlsx`) or one table after another (`format=csv`), "
            + "reproducible as known at `knownAt`. Counts of 1 and 2, and the figures derived from them, are withheld as `c`.")
        {
            AlsoProduces = ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
            Query = [Year, WindowAsAt, KnownAt, new("format", "xlsx or csv.", QueryKind.Code) { Values = ["xlsx", "csv"], Required = true, Example = "xlsx" }],
        },
        new("GET", "/api/indicators/committee/report.pdf", "getCommitteeReportPdf", "The committee report as a printable PDF",
            "The committee paper for the collection year `year`, or the 12 months ending `asAt`: headline figures, five-year trends with "
            + "England and the comparator, comparisons and targets, then placement, missing, reviews, health, care leavers and adoption, "
            + "reproducible as known at `knownAt` (the same figures as the committee JSON). Counts of 1 and 2, and the figures derived "
            + "from them, are printed as `c`. A ruled space is left for the officer's narrative; POST the same address to print one.")
        {
            AlsoProduces = ["application/pdf"], Query = [Year, WindowAsAt, KnownAt],
        },
        new("POST", "/api/indicators/committee/report.pdf", "postCommitteeReportPdf", "The committee report as a PDF, with the officer's narrative",
            "As the GET, with the officer's narrative (the body, plain text, at most 8,000 characters; line breaks kept) printed in it. "
            + "The narrative is not stored: send it with each download.")
        {
            // year is marked required so that the contract test's post (which sends the required parameters) names a
            // window; asAt alone is taken as well, as on the GET.
            AlsoProduces = ["application/pdf"], Order = 4,
            Query = [Year with { Required = true, Description = "The collection year, named by the 31 March it ends on (2025 is 2024/25); or give asAt instead." },
                WindowAsAt, KnownAt],
            Example = "Numbers are steady; two new foster carers were approved in the quarter.",
        },
        new("POST", "/api/indicators/reference/published", "postPublishedFigures", "Load a DfE release's published figures",
            "A local-authority-level CSV of the DfE's \"Children looked after in England\" release as explore-education-statistics serves it. "
            + "The release's name and the day it was published are kept, so a report known at an instant uses the figures published by then.")
        {
            Returns = typeof(PublishedUpload), Example = PublishedCsv, Order = 3,
            Query = [new("release", "The release the file comes from.") { Required = true, Example = "Children looked after in England including adoptions 2024" },
                new("publishedOn", "The day the DfE published the release (YYYY-MM-DD).", QueryKind.Date) { Required = true, Example = "2024-11-14" }],
        },
        new("GET", "/api/indicators/reference/published", "getPublishedFigures", "The published figures loaded", "Every figure of every release loaded, with its release and publication day.")
        {
            Returns = typeof(IReadOnlyList<PublishedFigure>),
        },
        new("PUT", "/api/indicators/reference/neighbours", "putNeighbours", "Replace the statistical neighbours",
            "CSV with the header `authority`, one LA code per line (not the authority's own).") { Returns = typeof(NeighbourList), Example = NeighboursCsv },
        new("GET", "/api/indicators/reference/neighbours", "getNeighbours", "The statistical neighbours",
            "The LA codes the neighbours' comparison is computed from; with `knownAt`, the list as loaded by then (before the first load, the first list).")
        {
            Returns = typeof(NeighbourList), Query = [KnownAt],
        },
        new("PUT", "/api/indicators/reference/targets", "putTargets", "Replace the targets",
            "CSV with the header `measure,year,target,better` (better: higher or lower).") { Returns = typeof(TargetList), Example = TargetsCsv },
        new("GET", "/api/indicators/reference/targets", "getTargets", "The targets per measure and year",
            "With which direction is better; with `knownAt`, the targets as loaded by then (before the first load, the first targets).")
        {
            Returns = typeof(TargetList), Query = [KnownAt],
        },
        new("POST", "/api/indicators/admin/rebuild", "postRebuild", "Rebuild the read model from the events",
            "For every authority at once: the service operator's scope, never an authority's admin. Empties the read model and applies every "
            + "event again; answers with the events the rebuilt read model holds and how fast it went. 200: it has every event committed by the "
            + "end of the rebuild (`reachedHead` true). 202: a transaction still running on the database server held `heldBack` committed events "
            + "behind the feed's fence for longer than the rebuild waits (10 s); the service's projection applies them once that transaction "
            + "ends (watch the `projections` lag on /health/ready), so there is no need to rebuild again. 409 `projection.unreadable-event`: "
            + "an event version this build cannot read; the rebuild stopped there.")
        {
            Returns = typeof(RebuildResult), AlsoAnswers = [202],
        },
    ];
}
