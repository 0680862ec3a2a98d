namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>Why an end of care no longer closes an episode (<see cref="EpisodeReopened"/>).</summary>
public static class CareCorrection
{
    /// <summary>Placements retracted the ending (CarePeriodReopened).</summary>
    public const string PeriodReopened = "care-period-reopened";

    /// <summary>Placements retracted the whole period (CarePeriodWithdrawn).</summary>
    public const string PeriodWithdrawn = "care-period-withdrawn";

    /// <summary>A message Placements published earlier arrived late, and in Placements' order the end that closed
    /// the episode is no longer the one in force (e.g. an ending that was later retracted and recorded again).</summary>
    public const string PeriodRestated = "care-period-restated";
}
