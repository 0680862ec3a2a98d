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

public sealed record SdqRequest(DateOnly Date, int? Score = null, string? Reason = null, Guid? EventId = null);
