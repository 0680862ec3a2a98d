namespace CareTracking.ServiceDefaults.Http;

/// <summary>A child's whole record held by the suite for one authority, who has read it, and what was disclosed to the
/// police (from the lasting disclosure log; whether an alert is parked is known while its outbox row is kept,
/// <see cref="PoliceDisclosuresKeptDays"/> days after sending).</summary>
public sealed record SubjectAccessExport(string Authority, string ChildId, DateTimeOffset ExportedAt, string? RequestedBy, string Client,
    IReadOnlyList<SubjectAccessEvent> Events, IReadOnlyList<ChildReadAuditEntry> Reads,
    IReadOnlyList<PoliceDisclosure> PoliceDisclosures, int PoliceDisclosuresKeptDays);
