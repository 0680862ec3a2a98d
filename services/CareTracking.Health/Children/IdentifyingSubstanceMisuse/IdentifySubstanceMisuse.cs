using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Health.Children.IdentifyingSubstanceMisuse;

/// <summary>Record that a substance misuse problem was identified on <see cref="Date"/>, with whether an
/// intervention was offered and received. An intervention cannot be received without being offered (our rule:
/// the 903 fields INTERVENTION_OFFERED and INTERVENTION_RECEIVED are read that way). One record a day.</summary>
public sealed record IdentifySubstanceMisuse(DateOnly Date, bool? InterventionOffered, bool? InterventionReceived)
{
    private const string Fact = "substance-misuse";

    public static IReadOnlyList<HealthEvent> Decide(IdentifySubstanceMisuse command, HealthChild state, DateTimeOffset now)
    {
        var offered = HealthRules.Required(command.InterventionOffered, "interventionOffered", Fact);
        var received = HealthRules.Required(command.InterventionReceived, "interventionReceived", Fact);
        if (received && !offered)
            throw new RuleViolation("interventionReceived", $"{Fact}.received-not-offered",
                "An intervention received must also have been offered.");
        if (state.SubstanceMisuse.Find(s => s.Date == command.Date) is { } existing)
            return existing.InterventionOffered == offered && existing.InterventionReceived == received
                ? [] : throw HealthRules.AlreadyRecorded(Fact, "date");
        HealthRules.RequireDatedInCare(state, Fact, "date", command.Date, now);
        return [new SubstanceMisuseIdentified(command.Date, offered, received)];
    }
}
