namespace CareTracking.Placements.Children.Adoption;

/// <summary>The parents consented to the child's placement for adoption (the authority to place without a placement order).</summary>
public sealed record RecordAdoptionConsent(DateOnly Date)
{
    public static IReadOnlyList<ChildEvent> Decide(RecordAdoptionConsent command, Child state, DateTimeOffset now) =>
        AdoptionFacts.Record(new AdoptionConsentGiven(command.Date), state, now, "date");
}
