namespace CareTracking.Indicators.Model;

/// <summary>A statutory review held on Date; ParticipationCode is REVIEW_CODE PN0–PN7.</summary>
public sealed record ReviewRecord(DateOnly Date, string? ParticipationCode);
