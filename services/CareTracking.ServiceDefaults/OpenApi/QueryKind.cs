namespace CareTracking.ServiceDefaults.OpenApi;

public enum QueryKind { Text, Date, Integer, Boolean, Code }
