using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Codes;

namespace CareTracking.Placements.Children.EnteringCare;

/// <summary>The child started to be looked after (a new period of care, RNE S).</summary>
public sealed record EnterCare(
    DateOnly Date,
    string LegalStatus,
    string CategoryOfNeed,
    Placement Placement,
    string? HomePostcode,
    ChildDetails Child,
    PeriodEnd? Ceased = null,
    PreviousPermanence? PreviousPermanence = null)
{
    public static IReadOnlyList<ChildEvent> Decide(EnterCare command, Child state, DateTimeOffset now)
    {
        var entered = new ChildEnteredCare(
            command.Date, command.LegalStatus, command.CategoryOfNeed, command.Placement, command.HomePostcode, command.Child, command.PreviousPermanence);
        var ceased = command.Ceased is { } end ? new ChildCeasedCare(end.Date, end.Reason) : null;
        if (state.AlreadyRecorded(entered) && (ceased is null || state.AlreadyRecorded(ceased))) return [];

        CareRules.RequireNotInFuture(command.Date, now);
        CareRules.RequireNotInFuture(command.Child.DateOfBirth, now, "child.dateOfBirth");
        CareRules.RequireNotBeforeBirth(command.Date, command.Child);
        CareRules.RequireCode(CodeList.LegalStatus, command.LegalStatus, command.Date, "legalStatus");
        CareRules.RequireCode(CodeList.CategoryOfNeed, command.CategoryOfNeed, command.Date, "categoryOfNeed");
        CareRules.RequirePlacementCodes(command.Placement, command.Date);
        CareRules.RequireCode(CodeList.Sex, command.Child.Sex, command.Date, "child.sex");
        CareRules.RequireCode(CodeList.Ethnicity, command.Child.Ethnicity, command.Date, "child.ethnicity");
        HeaderRules.Require(command.Child, now);
        if (command.PreviousPermanence is { } previous) AdoptionRules.RequirePreviousPermanence(previous, command.Date);

        var candidate = state.Candidate(entered);
        if (ceased is null)
        {
            CareRules.Validate(state.TimelineWith(candidate), candidate, "date");
            return [entered];
        }

        // A past period of care recorded whole: it can be back-filled before a later period, which its entry
        // alone could not (it would still be open when the later period began).
        CareRules.RequireNotInFuture(ceased.Date, now, "ceased.date");
        CareRules.RequireCode(CodeList.ReasonEpisodeCeased, ceased.Reason, ceased.Date, "ceased.reason");
        if (ceased.Date <= command.Date)
            throw new RuleViolation("ceased.date", "ceased-care.before-entry", "A period of care must end after the day it began.");
        var ending = state.Candidate(ceased, offset: 1);
        CareRules.Validate(state.TimelineWith(candidate, ending), [(candidate, ""), (ending, "ceased.")], "date");
        return [entered, ceased];
    }
}

/// <summary>The end of a period of care posted with its entry: DEC and REC.</summary>
public sealed record PeriodEnd(DateOnly Date, string Reason);
