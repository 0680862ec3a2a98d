namespace CareTracking.Ssda903.CareLeavers;

/// <summary>A personal adviser allocated from <see cref="Date"/> (Children Act 1989 s23D).</summary>
public sealed record PersonalAdviserAllocation(DateOnly Date, string AdviserId);

/// <summary>A staying-put or supported-lodgings arrangement from <see cref="From"/> to <see cref="To"/> (the day
/// it ended), open while <see cref="To"/> is null.</summary>
public sealed record LivingArrangement(DateOnly From, DateOnly? To)
{
    public bool Contains(DateOnly date) => From <= date && (To is null || date < To);
}

/// <summary>Everything recorded about one care leaver, each list in any order.</summary>
public sealed record CareLeaverFacts(
    IReadOnlyList<CareLeaverContact> Contacts,
    IReadOnlyList<PersonalAdviserAllocation> PersonalAdvisers,
    IReadOnlyList<LivingArrangement> StayingPut,
    IReadOnlyList<LivingArrangement> SupportedLodgings,
    IReadOnlyList<DateOnly> PathwayPlanReviews)
{
    public static CareLeaverFacts None { get; } = new([], [], [], [], []);
}
