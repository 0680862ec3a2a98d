namespace CareTracking.Indicators.Measures;

/// <summary>
/// The counting choices docs/measures.md leaves configurable. Every report prints the ones in force.
/// </summary>
/// <param name="SameCarerChangeIsNewPlacement">
/// Count an episode with RNE T or U (placement changed, same carers) as a new placement. Changes what a
/// placement is everywhere: 3+ placements, long-term stability and moves by reason. Default off.
/// </param>
/// <param name="LeaveShortBreakReviewsOutOfTimeliness">
/// Leave reviews under the short-break clock (V3/V4, regulation 48) out of "% reviews on time" and
/// participation. Default off: they count.
/// </param>
/// <param name="AwayIncidentsInReturnInterviews">
/// Include away-without-authorisation (A) episodes in the return-interview measures. Default off: missing
/// (M) episodes only.
/// </param>
public sealed record IndicatorSwitches(
    bool SameCarerChangeIsNewPlacement = false,
    bool LeaveShortBreakReviewsOutOfTimeliness = false,
    bool AwayIncidentsInReturnInterviews = false)
{
    public static IndicatorSwitches Default { get; } = new();
}
