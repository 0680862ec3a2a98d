namespace CareTracking.Indicators.Returns.Tables;

/// <summary>SWEpisodes: social worker episodes (from 2023/24). Not produced yet: the table is not written yet (the social worker facts now reach Indicators as ChildHistory.Permanence.SocialWorkers).</summary>
public sealed class SwEpisodesTable() : NotYetProduced("sw_episodes.csv", "SWEpisodes", ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
    "the table is not written yet (the social worker facts now reach Indicators as ChildHistory.Permanence.SocialWorkers).");
