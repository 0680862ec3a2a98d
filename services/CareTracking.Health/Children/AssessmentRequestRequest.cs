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
