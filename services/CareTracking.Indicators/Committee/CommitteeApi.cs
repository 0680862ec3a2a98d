using System.Globalization;
using CareTracking.Indicators.Projections;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Indicators.Committee;

public sealed record Measure(decimal? Value, long? Numerator, long? Denominator);
public sealed record CommitteeReport(DateOnly AsAt, DateOnly From, DateOnly To, DateTimeOffset? KnownAt,
    IReadOnlyDictionary<string, Measure> Measures, IReadOnlyDictionary<string, string> Definitions);

public static class CommitteeApi
{
    public static void MapCommittee(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/indicators/committee", async (string? year, string? asAt, string? knownAt, HttpContext http, ChildEventRows rows) =>
        {
            var window = Window(year, asAt);
            var known = KnownAt(knownAt);
            var children = await rows.LoadAsync(http.User.Authority(), known, http.RequestAborted);
            var cla = children.Count(child => LookedAfterOn(child, window.AsAt));
            return Results.Ok(new CommitteeReport(window.AsAt, window.From, window.To, known,
                new Dictionary<string, Measure> { ["cla"] = new(cla, cla, null) },
                new Dictionary<string, string>
                {
                    ["cla"] = "Children looked after at the date: an episode open on it (DECOM on or before, DEC empty or after), excluding short breaks (LS V3/V4).",
                }));
        }).RequireAuthorization(Scopes.IndicatorsRead).WithTags("Committee");
    }

    /// <summary>?year=YYYY is the collection year ending 31 March YYYY; ?asAt=D the 12 months ending D.</summary>
    public static (DateOnly AsAt, DateOnly From, DateOnly To) Window(string? year, string? asAt)
    {
        if (year is not null && asAt is not null)
            throw new RuleViolation("year", "window.one-of", "Give either year or asAt, not both.");
        if (year is not null)
        {
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2100)
                throw new RuleViolation("year", "window.year", "year is the four-digit year in which the collection year ends (31 March), e.g. 2025.");
            var end = new DateOnly(y, 3, 31);
            return (end, new DateOnly(y - 1, 4, 1), end);
        }
        if (asAt is null)
            throw new RuleViolation("asAt", "window.required", "Give year=YYYY (the year ending 31 March) or asAt=YYYY-MM-DD.");
        if (!DateOnly.TryParseExact(asAt, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new RuleViolation("asAt", "window.date", "asAt must be a date as YYYY-MM-DD.");
        return (d, d.AddYears(-1).AddDays(1), d);
    }

    public static DateTimeOffset? KnownAt(string? knownAt) =>
        knownAt is null ? null
        : DateTimeOffset.TryParse(knownAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var k) ? k
        : throw new RuleViolation("knownAt", "known-at.instant", "knownAt must be an instant, e.g. 2025-07-01T09:00:00Z.");

    /// <summary>Walking-skeleton fold: in care on D, not on a short break.</summary>
    private static bool LookedAfterOn(IEnumerable<ChildEventRow> events, DateOnly d)
    {
        var list = events.ToList();
        var retracted = list.Select(e => e.Data).OfType<EventRetracted>().Select(r => r.RetractedEventId).ToHashSet();
        bool inCare = false; string? legalStatus = null;
        foreach (var e in list.Where(e => !retracted.Contains(e.EventId) && e.EffectiveDate <= d).OrderBy(e => e.EffectiveDate).ThenBy(e => e.Sequence))
            switch (e.Data)
            {
                case ChildEnteredCare entered: inCare = true; legalStatus = entered.LegalStatus; break;
                case LegalStatusChanged changed: legalStatus = changed.LegalStatus; break;
                case PlacementMoved moved when moved.LegalStatus is not null: legalStatus = moved.LegalStatus; break;
                case ChildCeasedCare ceased when ceased.Date <= d: inCare = false; break;
            }
        return inCare && legalStatus is not ("V3" or "V4");
    }
}
