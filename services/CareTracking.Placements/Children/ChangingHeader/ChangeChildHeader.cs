using CareTracking.EventStore;
using CareTracking.Placements.Children.EnteringCare;
using CareTracking.ServiceDefaults.Privacy;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Placements.Children.ChangingHeader;

/// <summary>
/// The 903 header facts changed after the entry to care: a UPN learnt later (UN4 "newly looked after, not yet known"
/// says it will be), a girl who becomes a mother while in care (MOTHER 1 and MC_DOB), or a value given wrongly. Each
/// field given replaces the one held from <see cref="ChildEvent.Date"/>; a field left out (null) is unchanged. The
/// return's header is the year's picture at 31 March, so it shows the latest values recorded (docs/placements.md).
/// </summary>
[EventType("placements.child-header-changed", 1)]
public sealed record ChildHeaderChanged(DateOnly Date, [property: PersonalText] string? Upn, bool? Mother, DateOnly? MotherChildDateOfBirth) : ChildEvent(Date)
{
    /// <summary>The details with this change's fields in place of theirs.</summary>
    public ChildDetails ApplyTo(ChildDetails details) => details with
    {
        Upn = Upn ?? details.Upn,
        Mother = Mother ?? details.Mother,
        MotherChildDateOfBirth = MotherChildDateOfBirth ?? details.MotherChildDateOfBirth,
    };
}

/// <summary>POST /api/children/{childId}/header.</summary>
public sealed record HeaderChangeRequest(DateOnly Date, string? Upn = null, bool? Mother = null, DateOnly? MotherChildDateOfBirth = null, Guid? EventId = null);

/// <summary>Change the child's UPN, MOTHER or MC_DOB from a date. The result is held to the same rules as an entry to
/// care's details (<see cref="HeaderRules"/>: MOTHER only for a girl, MC_DOB only for a mother, after her birth, not in
/// the future). A change to what is already held records nothing (a safe retry).</summary>
public sealed record ChangeChildHeader(DateOnly Date, string? Upn, bool? Mother, DateOnly? MotherChildDateOfBirth)
{
    public static IReadOnlyList<ChildEvent> Decide(ChangeChildHeader command, Child state, DateTimeOffset now)
    {
        if (command.Upn is null && command.Mother is null && command.MotherChildDateOfBirth is null)
            throw new RuleViolation("upn", "header.nothing-given", "Give upn, mother or motherChildDateOfBirth: the values that change.");
        if (command.Upn is { } upn && (upn.Length is 0 or > 13 || !upn.All(char.IsAsciiLetterOrDigit)))
            throw new RuleViolation("upn", "header.upn-format", "UPN is at most 13 letters and digits (a UPN, or UN1-UN5 when it is not known).");
        CareRules.RequireNotInFuture(command.Date, now);
        // The details of the entry to care in force on that day: a change is to a child already in the history.
        var entered = state.Timeline.Select(e => e.Event).OfType<ChildEnteredCare>().Where(e => e.Date <= command.Date).ToList();
        if (entered.Count == 0)
            throw new RuleViolation("date", "header.before-care",
                "The child's details are changed from a day on or after an entry to care; record the entry to care first.");
        var change = new ChildHeaderChanged(command.Date, command.Upn, command.Mother, command.MotherChildDateOfBirth);
        var held = state.LatestChildDetails!;
        var changed = change.ApplyTo(held);
        if (changed == held) return [];
        try { HeaderRules.Require(changed, now); }
        catch (RuleViolation v) when (v.Field.StartsWith("child.", StringComparison.Ordinal))
        {
            throw new RuleViolation(v.Field["child.".Length..], v.Rule, v.Detail);
        }
        return [change];
    }
}

/// <summary>POST /api/children/{childId}/header (placements:write), beside the care history's routes (same stream,
/// retries, If-Match and problems: <see cref="ChildrenApi"/>).</summary>
public static class HeaderApi
{
    public static void MapHeaderChanges(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/children/{childId}/header", (string childId, HeaderChangeRequest r, HttpContext http, DocumentStore store, TimeProvider clock) =>
            ChildrenApi.Handle(http, store, childId, r.EventId, state => ChangeChildHeader.Decide(new(r.Date, r.Upn, r.Mother, r.MotherChildDateOfBirth), state, clock.GetUtcNow())))
            .WithTags("Children")
            .RequireAuthorization(CareTracking.ServiceDefaults.Auth.Scopes.PlacementsWrite);
}
