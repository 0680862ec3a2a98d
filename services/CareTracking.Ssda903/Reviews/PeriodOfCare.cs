namespace CareTracking.Ssda903.Reviews;

/// <summary>
/// A period of care as the review schedule sees it: from DECOM of its first episode (903 RNE = S) to the
/// DEC of its last, if it has ended. The child is looked after from <see cref="Start"/> up to the day
/// before <see cref="End"/> (docs/measures.md: looked after at D when DECOM ≤ D &lt; DEC). A short-break
/// period (legal status V3/V4 at its start, regulation 48) follows its own review clock.
/// </summary>
public sealed record PeriodOfCare(DateOnly Start, DateOnly? End, bool IsShortBreak = false)
{
    public bool Contains(DateOnly date) => Start <= date && (End is null || date < End);
}
