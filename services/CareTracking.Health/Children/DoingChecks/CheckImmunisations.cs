namespace CareTracking.Health.Children.DoingChecks;

/// <summary>Record whether the child's immunisations were up to date when checked on <see cref="Date"/>.
/// One check a day; the same check again changes nothing.</summary>
public sealed record CheckImmunisations(DateOnly Date, bool? UpToDate)
{
    private const string Fact = "immunisations";

    public static IReadOnlyList<HealthEvent> Decide(CheckImmunisations command, HealthChild state, DateTimeOffset now)
    {
        var upToDate = HealthRules.Required(command.UpToDate, "upToDate", Fact);
        if (state.Immunisations.Find(i => i.Date == command.Date) is { } existing)
            return existing.UpToDate == upToDate ? [] : throw HealthRules.AlreadyRecorded(Fact, "date");
        HealthRules.RequireDatedInCare(state, Fact, "date", command.Date, now);
        return [new ImmunisationsChecked(command.Date, upToDate)];
    }
}
