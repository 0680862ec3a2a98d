using CareTracking.Ssda903.Codes;

namespace CareTracking.Placements.Children.EnteringCare;

/// <summary>The child started to be looked after (a new period of care, RNE S).</summary>
public sealed record EnterCare(
    DateOnly Date,
    string LegalStatus,
    string CategoryOfNeed,
    Placement Placement,
    string? HomePostcode,
    ChildDetails Child)
{
    public static IReadOnlyList<ChildEvent> Decide(EnterCare command, Child state, DateTimeOffset now)
    {
        var entered = new ChildEnteredCare(
            command.Date, command.LegalStatus, command.CategoryOfNeed, command.Placement, command.HomePostcode, command.Child);
        if (state.AlreadyRecorded(entered)) return [];

        CareRules.RequireNotInFuture(command.Date, now);
        CareRules.RequireNotInFuture(command.Child.DateOfBirth, now, "child.dateOfBirth");
        CareRules.RequireNotBeforeBirth(command.Date, command.Child);
        CareRules.RequireCode(CodeList.LegalStatus, command.LegalStatus, command.Date, "legalStatus");
        CareRules.RequireCode(CodeList.CategoryOfNeed, command.CategoryOfNeed, command.Date, "categoryOfNeed");
        CareRules.RequirePlacementCodes(command.Placement, command.Date);
        CareRules.RequireCode(CodeList.Sex, command.Child.Sex, command.Date, "child.sex");
        CareRules.RequireCode(CodeList.Ethnicity, command.Child.Ethnicity, command.Date, "child.ethnicity");

        var candidate = state.Candidate(entered);
        CareRules.Validate(state.TimelineWith(candidate), candidate, "date");
        return [entered];
    }
}
