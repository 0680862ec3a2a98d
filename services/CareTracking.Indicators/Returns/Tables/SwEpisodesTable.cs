namespace CareTracking.Indicators.Returns.Tables;

/// <summary>SWEpisodes (in the return from 2023/24): each social worker episode of a child of the return that was
/// open on some day of the year, as Placements' social-worker facts give them (ChildHistory.Permanence.SocialWorkers,
/// Ssda903's PermanenceDerivation): SW_DECOM the allocation, SW_DEC the day it ended, empty when it ended after 31
/// March or not at all, SW_REASON the reason given when this social worker came.</summary>
public sealed class SwEpisodesTable : IReturnTable
{
    /// <summary>The first collection year with the table: 2023/24.</summary>
    public const int FirstStartYear = 2023;

    public string File => "sw_episodes.csv";
    public string Name => "SWEpisodes";
    public IReadOnlyList<string> Columns { get; } = ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"];
    public string? NotProducedBecause => null;

    public bool IsInReturnOf(ReturnYear year) => year.Collection.StartYear >= FirstStartYear;

    public IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort) => !IsInReturnOf(cohort.Year) ? [] :
    [
        .. cohort.Children.SelectMany(c => c.History.PermanenceOrNone.SocialWorkers
            .Where(w => cohort.Year.Overlaps(w.Start, w.End))
            .OrderBy(w => w.Start)
            .Select(w => new ReturnRow(c.ChildId,
                [c.ChildId, ReturnYear.Date(c.DateOfBirth), w.SocialWorkerId, ReturnYear.Date(w.Start), ReturnYear.Date(cohort.Year.KnownByEnd(w.End)), w.Reason]))),
    ];
}
