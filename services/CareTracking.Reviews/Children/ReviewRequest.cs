using CareTracking.EventStore;
using CareTracking.Reviews.Children.AllocatingIro;
using CareTracking.Reviews.Children.CancellingReviews;
using CareTracking.Reviews.Children.CorrectingReviews;
using CareTracking.Reviews.Children.HoldingReviews;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Privacy;
using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Reviews.Children;

public sealed record ReviewRequest(DateOnly Date, string Participation, Guid? EventId = null);
