namespace CareTracking.Ssda903.Episodes;

/// <summary>
/// A change to a child's care as the 903 Episodes table sees it, by effective date. Any service that holds a
/// child's care history (Placements owns it; Indicators reads it from the feed) states it in these terms and
/// gets the same episode rows back.
/// </summary>
public abstract record CareChange(DateOnly Date);
