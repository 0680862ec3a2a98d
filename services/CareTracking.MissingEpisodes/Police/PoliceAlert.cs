using System.Text.Json.Serialization;

namespace CareTracking.MissingEpisodes.Police;

/// <summary>
/// What a police missing-persons unit receives on the <c>police.missing-alerts</c> topic exchange, as plain
/// JSON (contract: contracts/police-missing-alert.schema.json, docs/police-alerts.md). Only what the
/// missing-persons protocol needs: no name, no date of birth, no address, no care history, no health data.
/// The JSON names are fixed here so the contract does not depend on the serializer's settings.
/// </summary>
public sealed record PoliceAlert(
    [property: JsonPropertyName("alertId")] Guid AlertId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("authority")] string Authority,
    [property: JsonPropertyName("childRef")] string ChildRef, // this force's pseudonym for the child (ChildRefKey), never its id
    [property: JsonPropertyName("episodeId")] Guid EpisodeId,
    [property: JsonPropertyName("ageYears")] int? AgeYears,
    [property: JsonPropertyName("sex")] string? Sex,
    [property: JsonPropertyName("placementArea")] string? PlacementArea,
    [property: JsonPropertyName("riskLevel")] string RiskLevel,
    [property: JsonPropertyName("lastSeenAt")] DateTimeOffset LastSeenAt,
    [property: JsonPropertyName("returnedAt")] DateTimeOffset? ReturnedAt,
    [property: JsonPropertyName("exploitationRisk")] PoliceAlertExploitationRisk ExploitationRisk,
    [property: JsonPropertyName("incidentsLast30Days")] int IncidentsLast30Days,
    [property: JsonPropertyName("incidentsLast90Days")] int IncidentsLast90Days,
    [property: JsonPropertyName("policeReference")] string? PoliceReference);

/// <summary>Known risk of child criminal exploitation (CCE) and child sexual exploitation (CSE).</summary>
public sealed record PoliceAlertExploitationRisk(
    [property: JsonPropertyName("criminal")] bool Criminal,
    [property: JsonPropertyName("sexual")] bool Sexual);

public static class PoliceAlertKind
{
    public const string Reported = "reported";
    public const string RiskChanged = "risk-changed";
    public const string Returned = "returned";
    /// <summary>The child's third incident within 30 days, or within 90 days.</summary>
    public const string RepeatThreshold = "repeat-threshold";
}

/// <summary>An alert and the routing key (the police force) it is published with.</summary>
public sealed record AddressedPoliceAlert(string RoutingKey, PoliceAlert Alert);
