namespace CareTracking.DemoData;

// The request bodies exactly as the services define them (Placements Children/ChildrenApi.cs, Missing
// episodes Episodes/EpisodesApi.cs, Reviews Children/ReviewsApi.cs), serialised with the web defaults
// (camelCase). Codes are the 903 guide's.

public sealed record PlacementBody(string Type, string? Provider, string? Postcode, string? Urn,
    string? LocalAuthority = null, decimal? DistanceMiles = null);
public sealed record ChildBody(string Sex, DateOnly DateOfBirth, string Ethnicity, bool Uasc);

public sealed record EnteredCareBody(DateOnly Date, string LegalStatus, string CategoryOfNeed, PlacementBody Placement,
    string? HomePostcode, ChildBody Child, Guid EventId);
public sealed record LegalStatusChangeBody(DateOnly Date, string LegalStatus, Guid EventId);
public sealed record PlacementMoveBody(DateOnly Date, PlacementBody Placement, bool SameCarer, string? Reason, string? LegalStatus, Guid EventId);
public sealed record CeasedCareBody(DateOnly Date, string Reason, Guid EventId);

public sealed record ExploitationRiskBody(bool Criminal, bool Sexual);
public sealed record MissingReportBody(string ChildId, string Kind, DateTimeOffset LastSeenAt, DateTimeOffset ReportedAt, string RiskLevel,
    ExploitationRiskBody ExploitationRisk, Guid EpisodeId, string? PoliceReference, string? RiskReason, Guid EventId);
public sealed record ReturnBody(DateTimeOffset ReturnedAt, string? FoundArea, Guid EventId);
public sealed record ReturnInterviewBody(string Outcome, DateTimeOffset At, Guid EventId);

public sealed record IroAllocationBody(DateOnly Date, string IroId, string Team, Guid EventId);
public sealed record ReviewBody(DateOnly Date, string Participation, Guid EventId);

public enum DemoService { Placements, Missing, Reviews }

/// <summary>One post of the demo history: where it goes, when it happened (to cut the history at "now") and
/// what it says. <see cref="Label"/> names the step in progress and error messages (never a name or a date of birth).</summary>
public sealed record DemoPost(DemoService Service, string ChildId, DateTimeOffset At, string Path, object Body, string Label);
