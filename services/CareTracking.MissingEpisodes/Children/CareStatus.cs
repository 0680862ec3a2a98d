namespace CareTracking.MissingEpisodes.Children;

public enum CareStatus
{
    /// <summary>Placements has told this service of no period of care for the child yet.</summary>
    NeverHeardOf,
    InCare,
    /// <summary>Periods are known and none covers the date.</summary>
    NotInCare,
}
