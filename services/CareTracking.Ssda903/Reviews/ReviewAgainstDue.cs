namespace CareTracking.Ssda903.Reviews;

/// <summary>A held review numbered within its period of care (1 = first review), with the date it was due.</summary>
public sealed record ReviewAgainstDue(int Number, DateOnly Held, DateOnly Due)
{
    /// <summary>Held on or before its due date.</summary>
    public bool OnTime => Held <= Due;
}
