namespace CareTracking.Placements.Children.Adoption;

// The deciders for the adoption plan and the social workers, one file each. Each is pure: the same command,
// history and clock give the same events. Posting the same fact again records nothing (a safe retry).

/// <summary>The decision that the child should be placed for adoption.</summary>
public sealed record DecideOnAdoption(DateOnly Date)
{
    public static IReadOnlyList<ChildEvent> Decide(DecideOnAdoption command, Child state, DateTimeOffset now) =>
        AdoptionFacts.Record(new AdoptionDecisionMade(command.Date), state, now, "date");
}
