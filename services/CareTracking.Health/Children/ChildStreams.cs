using CareTracking.ServiceDefaults.Http;

namespace CareTracking.Health.Children;

/// <summary>The Health stream of a child (docs/streams.md): type health-child, id health:{childId}.</summary>
public static class ChildStreams
{
    public static readonly ChildStream<HealthChild, HealthEvent> Stream = new("health-child", "health:", HealthChild.Initial, HealthChild.Evolve, EffectiveDate);

    public static string IdOf(string childId) => Stream.IdOf(childId);

    public static string ChildIdOf(string streamId) => Stream.ChildIdOf(streamId);

    public static DateOnly EffectiveDate(HealthEvent e) => e switch
    {
        CarePeriodNoted n => n.StartDate,
        CarePeriodEndNoted n => n.EndDate,
        CarePeriodReopenNoted n => n.StartDate,
        CarePeriodWithdrawalNoted n => n.StartDate,
        HealthAssessmentRequested r => r.RequestedOn,
        HealthAssessmentCarriedOut a => a.Date,
        ImmunisationsChecked i => i.Date,
        DentalCheckDone d => d.Date,
        DevelopmentCheckDone d => d.Date,
        SdqRecorded s => s.Date,
        SubstanceMisuseIdentified s => s.Date,
        ConvictionRecorded c => c.Date,
        HealthPassportGiven p => p.Date,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not an event of the Health child stream."),
    };
}
