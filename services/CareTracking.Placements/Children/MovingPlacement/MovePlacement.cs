using CareTracking.Ssda903.Codes;

namespace CareTracking.Placements.Children.MovingPlacement;

/// <summary>
/// The child moved placement. <see cref="LegalStatus"/> only when it changed the same day;
/// <see cref="Reason"/> is REASON_PLACE_CHANGE, why the previous placement ended.
/// </summary>
public sealed record MovePlacement(DateOnly Date, Placement Placement, bool SameCarer, string? Reason, string? LegalStatus)
{
    public static IReadOnlyList<ChildEvent> Decide(MovePlacement command, Child state, DateTimeOffset now)
    {
        var moved = new PlacementMoved(
            command.Date, command.Placement, command.SameCarer, command.Reason, command.LegalStatus,
            ReasonForNewEpisode.OfMove(command.SameCarer, legalStatusChanged: command.LegalStatus is not null));
        if (state.AlreadyRecorded(moved)) return [];

        CareRules.RequireNotInFuture(command.Date, now);
        CareRules.RequireNotBeforeBirth(command.Date, state.LatestChildDetails);
        CareRules.RequirePlacementCodes(command.Placement, command.Date);
        if (command.Reason is not null)
            CareRules.RequireCode(CodeList.ReasonPlaceChange, command.Reason, command.Date, "reason");
        if (command.LegalStatus is not null)
            CareRules.RequireCode(CodeList.LegalStatus, command.LegalStatus, command.Date, "legalStatus");

        var candidate = state.Candidate(moved);
        CareRules.Validate(state.TimelineWith(candidate), candidate, "date");
        return [moved];
    }
}

/// <summary>The 903 reason for new episode (RNE) of a placement move.</summary>
public static class ReasonForNewEpisode
{
    /// <summary>
    /// P: new placement and carer; T: new placement, same carer; B: legal status, placement and carer
    /// change the same day; U: legal status and placement change the same day, same carer.
    /// </summary>
    public static string OfMove(bool sameCarer, bool legalStatusChanged) => (sameCarer, legalStatusChanged) switch
    {
        (false, false) => "P",
        (true, false) => "T",
        (false, true) => "B",
        (true, true) => "U",
    };
}
