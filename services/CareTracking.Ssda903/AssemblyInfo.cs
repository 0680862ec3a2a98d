namespace CareTracking.Ssda903;
