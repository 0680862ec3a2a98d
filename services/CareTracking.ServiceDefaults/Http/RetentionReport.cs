namespace CareTracking.ServiceDefaults.Http;

public sealed record RetentionReport(string Authority, DateOnly AsAt, string Rule, bool DryRun, IReadOnlyList<RetentionDue> Due);
