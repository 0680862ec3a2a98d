namespace CareTracking.MissingEpisodes.Children;

/// <summary>A period of care as this service knows it: in care from StartDate up to, not including, EndDate
/// (docs/measures.md, Building blocks: looked after at D when DECOM ≤ D and DEC is empty or after D).
/// ReasonEnded is the 903 REC of the ending, when Placements gave it.</summary>
public sealed record CarePeriod(DateOnly StartDate, DateOnly? EndDate, string? ReasonEnded = null)
{
    public bool Covers(DateOnly date) => StartDate <= date && (EndDate is null || date < EndDate);
}
