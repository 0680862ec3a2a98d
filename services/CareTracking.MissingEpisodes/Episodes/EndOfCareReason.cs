namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>Why an episode was closed at the end of care (<see cref="EpisodeClosedAtEndOfCare"/>).</summary>
public static class EndOfCareReason
{
    /// <summary>Care ended on the child's 18th birthday: 903 closes an unresolved missing case then (REC E8).</summary>
    public const string EighteenthBirthday = "18th-birthday";
    public const string CareEnded = "care-ended";
}
