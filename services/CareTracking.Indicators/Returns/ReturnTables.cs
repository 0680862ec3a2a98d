using CareTracking.Indicators.Returns.Tables;

namespace CareTracking.Indicators.Returns;

/// <summary>Every table of the 903 return, in the order the export writes them.</summary>
public static class ReturnTables
{
    public static readonly IReadOnlyList<IReturnTable> All =
    [
        new HeaderTable(), new EpisodesTable(), new UascTable(), new MissingTable(), new ReviewsTable(),
        new Oc2Table(), new Oc3Table(), new Ad1Table(), new PlacedAdoptionTable(), new PrevPermTable(), new SwEpisodesTable(),
    ];

    /// <summary>The tables the year's return has, in export order.</summary>
    public static IReadOnlyList<IReturnTable> Of(ReturnYear year) => [.. All.Where(t => t.IsInReturnOf(year))];

    public static IReturnTable Named(string name) => All.Single(t => t.Name == name);
}
