using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Indicators.Returns.AnnexA;

/// <summary>GET /api/returns/annex-a/{list}?asAt=&amp;format=csv|xlsx (returns:read): Lists 8 (children in care), 9 (care
/// leavers) and 10 (adoption) (docs/return-903.md).</summary>
public static class AnnexAApi
{
    public static void MapAnnexA(this RouteGroupBuilder returns) =>
        returns.MapGet("/annex-a/{list}", async (string list, string? asAt, string? format, HttpContext http, CommitteeReports reports,
            IndicatorSwitches switches, ChildReadAudit audit, TimeProvider clock) =>
        {
            if (list is not ("8" or "9" or "10"))
                throw new RuleViolation("list", "annex-a.list", "list must be 8 (children in care), 9 (care leavers) or 10 (adoption).");
            var csv = format switch
            {
                null or "csv" => true,
                "xlsx" => false,
                _ => throw new RuleViolation("format", "format.known", "format must be csv or xlsx."),
            };
            var date = asAt is null ? UkLocalDate.Of(clock.GetUtcNow()) : CommitteeApi.Date(asAt, "asAt");
            var records = await reports.RecordsAsync(http.User.Authority(), null, http.RequestAborted);
            var annex = list switch
            {
                "8" => List8.Build(records, date, switches),
                "9" => List9.Build(records, date),
                _ => List10.Build(records, date),
            };
            await audit.RecordManyAsync(http, [.. annex.Rows.Select(r => r.Child).Distinct()], $"returns.annex-a-{list}", http.RequestAborted);
            var name = $"annex-a-list-{list}-{http.User.Authority()}-{date:yyyy-MM-dd}";
            if (!csv) return Results.File(AnnexAWorkbook.Write(annex), AnnexAWorkbook.ContentType, name + ".xlsx");
            var text = new System.Text.StringBuilder(Exports.Csv.Line([.. annex.Columns]));
            foreach (var row in annex.Rows) text.Append(Exports.Csv.Line([.. row.Cells]));
            return Results.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", name + ".csv");
        });
}
