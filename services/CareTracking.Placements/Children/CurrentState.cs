namespace CareTracking.Placements.Children;

/// <summary>
/// The child as the service knows them now (after every event, by effective date): for
/// GET /api/children/{childId}. Placement and legal status are those of the open episode, or of the last
/// one when the child has left care.
/// </summary>
public sealed record CurrentState(
    bool InCare,
    int PeriodsOfCare,
    DateOnly? PeriodOfCareStarted,
    DateOnly? LastCeased,
    string? LastReasonCeased,
    string? LegalStatus,
    DateOnly? LegalStatusSince,
    string? CategoryOfNeed,
    Placement? Placement,
    DateOnly? PlacementSince,
    string? HomePostcode,
    ChildDetails? Child,
    bool Uasc)
{
    public static CurrentState Of(Child child)
    {
        var now = CareSituation.AtEnd(child.Timeline);
        return new CurrentState(
            InCare: now.InCare,
            PeriodsOfCare: now.PeriodsOfCare,
            PeriodOfCareStarted: now.PeriodStart,
            LastCeased: now.LastCeased,
            LastReasonCeased: now.LastReasonCeased,
            LegalStatus: now.LegalStatus,
            LegalStatusSince: now.LegalStatusSince,
            CategoryOfNeed: now.CategoryOfNeed,
            Placement: now.Placement,
            PlacementSince: now.PlacementSince,
            HomePostcode: now.HomePostcode,
            Child: now.Child is null ? null : now.Child with { Uasc = now.Uasc },
            Uasc: now.Uasc);
    }
}
