namespace CareTracking.Placements.Children.Adoption;

/// <summary>The child is matched with prospective adopters.</summary>
public sealed record MatchWithAdopters(DateOnly Date, int NumberOfAdopters, string AdopterSex, string AdopterLegalStatus, bool FormerFosterCarers)
{
    public static IReadOnlyList<ChildEvent> Decide(MatchWithAdopters command, Child state, DateTimeOffset now)
    {
        var match = new AdoptionMatchMade(command.Date, command.NumberOfAdopters, command.AdopterSex, command.AdopterLegalStatus, command.FormerFosterCarers);
        if (state.AlreadyRecorded(match)) return [];
        AdoptionRules.RequireAdopters(command.NumberOfAdopters, command.AdopterSex, command.AdopterLegalStatus);
        return AdoptionFacts.Record(match, state, now, "date");
    }
}
