using CareTracking.EventStore;
using CareTracking.Health.Children.GivingHealthPassports;
using CareTracking.Health.Children.RecordingAssessments;
using CareTracking.Health.Children.RecordingChecks;
using CareTracking.Health.Children.RecordingConvictions;
using CareTracking.Health.Children.RecordingSdq;
using CareTracking.Health.Children.RecordingSubstanceMisuse;
using CareTracking.Health.Children.RequestingAssessments;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Codes;

namespace CareTracking.Health.Children;

// Request bodies: the command's fields plus an optional eventId for safe retry.
// A field the deciders check themselves (kind, score or reason, the yes/no answers) defaults to null, so leaving
// it out is the 422 naming its rule rather than a 400 from the serializer.
public sealed record AssessmentRequestRequest(DateOnly RequestedOn, string? Kind = null, Guid? EventId = null);
public sealed record HealthAssessmentBody(DateOnly Date, string? Kind = null, Guid? EventId = null);
public sealed record ImmunisationsRequest(DateOnly Date, bool? UpToDate = null, Guid? EventId = null);
public sealed record DatedRequest(DateOnly Date, Guid? EventId = null);
public sealed record SdqRequest(DateOnly Date, int? Score = null, string? Reason = null, Guid? EventId = null);
public sealed record SubstanceMisuseRequest(DateOnly Date, bool? InterventionOffered = null, bool? InterventionReceived = null, Guid? EventId = null);

/// <summary>The child-level Health route table. Writes need health:write, reads health:read; the authority comes
/// from the token.</summary>
public static class HealthApi
{
    public static void MapChildHealth(this IEndpointRouteBuilder app)
    {
        var child = app.MapGroup("/api/children/{childId}").WithTags("Health");

        child.MapPost("/health-assessment-requests", (string childId, AssessmentRequestRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => RequestHealthAssessment.Decide(new(r.RequestedOn, r.Kind), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);
        child.MapPost("/health-assessments", (string childId, HealthAssessmentBody r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => RecordHealthAssessment.Decide(new(r.Date, r.Kind), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);
        child.MapPost("/immunisations", (string childId, ImmunisationsRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => RecordImmunisations.Decide(new(r.Date, r.UpToDate), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);
        child.MapPost("/dental-checks", (string childId, DatedRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => RecordDentalCheck.Decide(new(r.Date), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);
        child.MapPost("/development-checks", (string childId, DatedRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => RecordDevelopmentCheck.Decide(new(r.Date), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);
        child.MapPost("/sdq", (string childId, SdqRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => RecordSdq.Decide(new(r.Date, r.Score, r.Reason), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);
        child.MapPost("/substance-misuse", (string childId, SubstanceMisuseRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => RecordSubstanceMisuse.Decide(new(r.Date, r.InterventionOffered, r.InterventionReceived), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);
        child.MapPost("/convictions", (string childId, DatedRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => RecordConviction.Decide(new(r.Date), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);
        child.MapPost("/health-passports", (string childId, DatedRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => GiveHealthPassport.Decide(new(r.Date), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);

        child.MapGet("/health", async (string childId, HttpContext http, DocumentStore store, ChildReadAudit audit, WorkingDays workingDays, TimeProvider clock,
            string? asAt, string? year) =>
        {
            var date = Query.Date("asAt", asAt) ?? UkLocalDate.Of(clock.GetUtcNow());
            // year names the collection year by the 31 March it ends on, as the Indicators API does (year=2025 is 2024/25).
            var yearEnding = Query.Int("year", year ?? CollectionYear.Of(date).LastDay.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), 2000, 2100);
            var child = await ChildStreams.Stream.ReadAsync(http, store, audit, childId, "health");
            return Results.Ok(ChildHealthView.Of(child, date, new CollectionYear(yearEnding - 1), workingDays));
        }).RequireAuthorization(Scopes.HealthRead);
    }

    private static Task<IResult> Handle(HttpContext http, DocumentStore store, string childId, Guid? eventId, Func<HealthChild, IReadOnlyList<HealthEvent>> decide) =>
        ChildStreams.Stream.HandleAsync(http, store, childId, eventId, decide, $"/api/children/{childId}/health");
}

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
