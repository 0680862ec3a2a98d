namespace CareTracking.Indicators.Returns.Tables;

/// <summary>SWEpisodes: social worker episodes (from 2023/24). Not produced yet: no service records social worker allocations yet.</summary>
public sealed class SwEpisodesTable() : NotYetProduced("sw_episodes.csv", "SWEpisodes", ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
    "no service records social worker allocations yet.");
