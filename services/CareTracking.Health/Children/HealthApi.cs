using CareTracking.EventStore;
using CareTracking.Health.Children.CarryingOutHealthAssessments;
using CareTracking.Health.Children.DoingChecks;
using CareTracking.Health.Children.GivingHealthPassports;
using CareTracking.Health.Children.IdentifyingSubstanceMisuse;
using CareTracking.Health.Children.RecordingConvictions;
using CareTracking.Health.Children.RecordingSdq;
using CareTracking.Health.Children.RequestingAssessments;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Codes;

namespace CareTracking.Health.Children;

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
            Handle(http, store, childId, r.EventId, s => CarryOutHealthAssessment.Decide(new(r.Date, r.Kind), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);
        child.MapPost("/immunisations", (string childId, ImmunisationsRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => CheckImmunisations.Decide(new(r.Date, r.UpToDate), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);
        child.MapPost("/dental-checks", (string childId, DatedRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => DoDentalCheck.Decide(new(r.Date), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);
        child.MapPost("/development-checks", (string childId, DatedRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => DoDevelopmentCheck.Decide(new(r.Date), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);
        child.MapPost("/sdq", (string childId, SdqRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => RecordSdq.Decide(new(r.Date, r.Score, r.Reason), s, clock.GetUtcNow())))
            .RequireAuthorization(Scopes.HealthWrite);
        child.MapPost("/substance-misuse", (string childId, SubstanceMisuseRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            Handle(http, store, childId, r.EventId, s => IdentifySubstanceMisuse.Decide(new(r.Date, r.InterventionOffered, r.InterventionReceived), s, clock.GetUtcNow())))
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
