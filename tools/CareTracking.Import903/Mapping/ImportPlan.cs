using CareTracking.Import903.ReturnFiles;

namespace CareTracking.Import903.Mapping;

public enum TargetService { Placements, Missing, Reviews, Health, LeavingCare }

/// <summary>One request to a service. <see cref="Command"/> names it in the rejection report (e.g. ceased-care).
/// <see cref="OnEventIdReused"/> is posted instead when the service already holds a different post under this event id:
/// the row was recorded by an earlier version of the importer, whose post lacked what the follow-up brings.</summary>
public sealed record ImportPost(TargetService Service, string Path, object Body, string Command, ImportPost? OnEventIdReused = null);

/// <summary>
/// What one row becomes: its posts, in order (an episode that starts or continues a period and also ends it is
/// two). The row is posted when every post is accepted. <see cref="DependsOn"/> is the row that starts the
/// period (RNE S): if it was rejected, this row is reported with that reason and not posted.
/// <see cref="Carries"/> are rows whose facts travel in these posts (the header and UASC rows in an entry to care).
/// </summary>
public sealed record ImportStep(RowRef Row, string Child, IReadOnlyList<ImportPost> Posts, RowRef? DependsOn = null,
    IReadOnlyList<RowRef>? Carries = null);

/// <summary>A row that is not posted: the 903 field (or the request's field, for a service's refusal), the rule and why.</summary>
public sealed record RowRejection(RowRef Row, string Child, string Field, string Rule, string Message, string? Command = null);

/// <summary>A row with no post of its own whose facts travel in other rows' posts: posted when one of them is
/// accepted, otherwise rejected with <see cref="Rejection"/>.</summary>
public sealed record CarriedRow(RowRef Row, string Child, RowRejection Rejection);

/// <summary>A child's steps: Placements first, in date order; reviews, missing episodes and the OC2 and OC3 facts
/// once every child's care history is in (they need Placements' care-period messages).</summary>
public sealed record ChildPlan(string Child, IReadOnlyList<ImportStep> Placements, IReadOnlyList<ImportStep> Later);

/// <summary>Every row of the return, accounted for: a step, a carried row, or a rejection by the importer.</summary>
public sealed record ImportPlan(
    IReadOnlyList<ChildPlan> Children,
    IReadOnlyList<CarriedRow> Carried,
    IReadOnlyList<RowRejection> Rejections,
    IReadOnlyDictionary<string, int> RowsRead)
{
    public IEnumerable<ImportStep> Steps => Children.SelectMany(c => c.Placements.Concat(c.Later));
}
