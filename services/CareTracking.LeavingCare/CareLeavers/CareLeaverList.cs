using CareTracking.Ssda903.CareLeavers;

namespace CareTracking.LeavingCare.CareLeavers;

public sealed record CareLeaverListEntry(string ChildId, CareLeaverStatus Status, string? PersonalAdviserId);

/// <summary>The young people who are care leavers as at a date, with their status and personal adviser, by
/// child id.</summary>
public static class CareLeaverList
{
    public static IReadOnlyList<CareLeaverListEntry> AsAt(IEnumerable<(string ChildId, CareLeaver CareLeaver)> young, DateOnly asAt) =>
    [
        .. young
            .Select(y => (y.ChildId, y.CareLeaver, Status: y.CareLeaver.StatusOn(asAt)))
            .Where(y => y.Status is not null)
            .Select(y => new CareLeaverListEntry(y.ChildId, y.Status!.Value, y.CareLeaver.PersonalAdviserOn(asAt)?.AdviserId))
            .OrderBy(e => e.ChildId, StringComparer.Ordinal),
    ];
}
