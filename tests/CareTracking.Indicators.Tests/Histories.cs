using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Tests;

/// <summary>Hand-built 903 histories: dates as "yyyy-MM-dd", instants as UTC "yyyy-MM-ddTHH:mm:ssZ".</summary>
internal static class Histories
{
    public const string Authority = "831";

    public static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd");

    public static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    public static ChildHistory Child(string id, params EpisodeRow[] episodes) =>
        new(Authority, id, D("2012-06-15"), episodes, [], [], [], []);

    public static EpisodeRow Episode(
        string start,
        string rne,
        string place,
        string? end = null,
        string? rec = null,
        string ls = "C2",
        string? post = "DE1 1AA",
        string? provider = "PR1",
        string? reasonPlaceChange = null,
        string? placedIn = null,
        decimal? miles = null) =>
        new(D(start), rne, ls, "N1", place, provider, end is null ? null : D(end), rec, reasonPlaceChange, "DE22 1AA", post, null, placedIn, miles);

    public static ChildHistory BornOn(this ChildHistory child, string dateOfBirth) => child with { DateOfBirth = D(dateOfBirth) };

    public static ChildHistory WithMissing(this ChildHistory child, params MissingIncident[] incidents) =>
        child with { Missing = incidents };

    public static ChildHistory WithReviews(this ChildHistory child, params ReviewRecord[] reviews) =>
        child with { Reviews = reviews };

    public static MissingIncident Missing(string start, string? end = null) =>
        new(MissingKind.Missing, At(start), end is null ? null : At(end));

    public static MissingIncident Away(string start, string? end = null) =>
        new(MissingKind.Away, At(start), end is null ? null : At(end));

    public static ReviewRecord Review(string date, string? code = "PN1") => new(D(date), code);

    public static CommitteeReport Report(ReportWindow window, params ChildHistory[] children) =>
        Report(window, IndicatorSwitches.Default, children);

    public static CommitteeReport Report(ReportWindow window, IndicatorSwitches switches, params ChildHistory[] children) =>
        new CommitteeIndicators(new HandComputedReviewSchedule()).Compute(children, window, switches, ReferenceFigures.None);

    public static ReportWindow Year2024 => ReportWindow.ForYear(2024);
}
