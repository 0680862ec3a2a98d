using CareTracking.Ssda903.Calendar;

namespace CareTracking.Indicators.Comparisons;

/// <summary>England's figure as published, with the year it is for (earlier than asked when the year asked for
/// was not yet published at the instant) and the release.</summary>
public sealed record PublishedValue(decimal Value, int Year, string Release, DateOnly PublishedOn);

/// <summary>
/// A comparator set's value: the mean of its members' published values for one year, with how many members the
/// set has and how many of them had a figure published by the instant.
/// </summary>
public sealed record SetValue(decimal? Value, int Year, int Members, int MembersWithFigure);

/// <summary>
/// Comparator values as known at an instant, from the DfE's published figures. Pure.
/// A figure published on a date is known from the start of that UK day. With no instant, every publication is
/// known and the latest one stands.
/// </summary>
public sealed class Comparators(IReadOnlyList<PublishedFigure> published, DateTimeOffset? knownAt)
{
    private readonly ILookup<(string Area, string Measure), PublishedFigure> byArea =
        published.Where(f => knownAt is not { } k || UkLocalDate.StartOf(f.PublishedOn) <= k)
            .ToLookup(f => (f.Area, f.Measure));

    /// <summary>Every figure published by the instant.</summary>
    public IEnumerable<PublishedFigure> Published => byArea.SelectMany(g => g);

    /// <summary>The area's figure for the year, in the latest release known; none if that year was not published.</summary>
    public PublishedFigure? Figure(string area, string measure, int year) =>
        byArea[(area, measure)].Where(f => f.Year == year).MaxBy(f => f.PublishedOn);

    /// <summary>England (or any single area): the year asked for if published by then, otherwise the latest earlier
    /// year that was, as a committee quotes "last year's national figure" before the new one is out.</summary>
    public PublishedValue? Latest(string area, string measure, int year)
    {
        var known = byArea[(area, measure)].Where(f => f.Year <= year && f.Value is not null).ToList();
        if (known.Count == 0) return null;
        var latestYear = known.Max(f => f.Year);
        var figure = known.Where(f => f.Year == latestYear).MaxBy(f => f.PublishedOn)!;
        return new PublishedValue(figure.Value!.Value, figure.Year, figure.Release, figure.PublishedOn);
    }

    /// <summary>
    /// A set of authorities for one measure: the latest year up to <paramref name="year"/> for which any member has
    /// a figure known, and the mean of the members' figures for that year (one decimal, halves away from zero).
    /// </summary>
    public SetValue? Of(IReadOnlyCollection<string> members, string measure, int year)
    {
        if (members.Count == 0) return null;
        var figures = members.SelectMany(m => byArea[(m, measure)]).Where(f => f.Year <= year && f.Value is not null).ToList();
        if (figures.Count == 0) return new SetValue(null, year, members.Count, 0);
        var setYear = figures.Max(f => f.Year);
        var values = members
            .Select(m => Figure(m, measure, setYear)?.Value)
            .OfType<decimal>()
            .ToList();
        return new SetValue(Math.Round(values.Average(), 1, MidpointRounding.AwayFromZero), setYear, members.Count, values.Count);
    }

    /// <summary>The authority's region as its latest known publication gives it.</summary>
    public string? RegionOf(string authority) =>
        published.Where(f => f.Level == AreaLevel.LocalAuthority && f.Area == authority && f.Region is not null)
            .Where(f => knownAt is not { } k || UkLocalDate.StartOf(f.PublishedOn) <= k)
            .MaxBy(f => f.PublishedOn)?.Region;

    /// <summary>The local authorities the publications known place in the region.</summary>
    public IReadOnlyList<string> AuthoritiesIn(string region) =>
        [.. published.Where(f => f.Level == AreaLevel.LocalAuthority && f.Region == region)
            .Where(f => knownAt is not { } k || UkLocalDate.StartOf(f.PublishedOn) <= k)
            .Select(f => f.Area).Distinct().Order(StringComparer.Ordinal)];
}
