using CareTracking.EventStore;
using CareTracking.LeavingCare.CareLeavers.AllocatingAdvisers;
using CareTracking.LeavingCare.CareLeavers.Arrangements;
using CareTracking.LeavingCare.CareLeavers.PathwayPlans;
using CareTracking.LeavingCare.CareLeavers.RecordingContacts;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Codes;

namespace CareTracking.LeavingCare.CareLeavers;

public sealed record ArrangementRequest(DateOnly From, DateOnly? To = null, Guid? EventId = null);
