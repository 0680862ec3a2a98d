using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Reviews;

namespace CareTracking.Reviews.Children;

/// <summary>
/// The rules a review or an IRO allocation must meet, shared by the commands that record or correct them.
/// </summary>
/// <remarks>
/// Messages from Placements can lag the HTTP request by seconds, so a date that no known period of care
/// contains is accepted when a period that has not been announced yet could contain it
/// (<see cref="CareStanding.AwaitingCarePeriod"/>): the review is recorded, shown as awaiting a care period,
/// and placed by the schedule when the care-period message arrives. If that period turns out not to contain
/// the date, the review is reported as outside a period of care and is not on time. A date the known
/// periods already rule out (before the latest period ended and in none of them) is refused.
/// The PN0 age rule needs the date of birth, which comes with the care-period message; before the first
/// one arrives the rule cannot be checked, and the child's review view flags a mismatch once it can.
/// </remarks>
internal static class ReviewRules
{
    public static void RequireParticipationCode(string? participation)
    {
        if (!ReviewParticipation.IsCode(participation))
            throw new RuleViolation("participation", "review.participation-code",
                "Participation must be a 903 REVIEW_CODE from PN0 to PN7.");
    }

    public static void RequireNotInFuture(string field, DateOnly date, DateTimeOffset now, string rule, string what)
    {
        if (date > UkLocalDate.Of(now))
            throw new RuleViolation(field, rule, $"{what} cannot be dated after today.");
    }

    public static void RequireLookedAfterOrAwaiting(Child child, string field, DateOnly date, string rule, string what)
    {
        if (child.StandingOn(date) == CareStanding.NotLookedAfter)
            throw new RuleViolation(field, rule,
                $"The child was not looked after on that date; {what} can only be recorded within a period of care.");
    }

    public static void RequireParticipationFitsAge(Child child, DateOnly date, string participation)
    {
        if (AgeConflict(child.DateOfBirth, date, participation) is { } violation) throw violation;
    }

    /// <summary>903 rules 440 and 441: PN0 if and only if the child is under 4 on the review date.</summary>
    public static RuleViolation? AgeConflict(DateOnly? dateOfBirth, DateOnly date, string participation)
    {
        if (dateOfBirth is not { } born) return null;
        var underFour = Age.InWholeYears(born, date) < 4;
        if (participation == ReviewParticipation.UnderFour && !underFour)
            return new RuleViolation("participation", "review.participation-4-or-over",
                "PN0 is only for a child under 4 on the review date; this child was 4 or over, so use PN1 to PN7.");
        if (participation != ReviewParticipation.UnderFour && underFour)
            return new RuleViolation("participation", "review.participation-under-4",
                "A child under 4 on the review date is recorded as PN0.");
        return null;
    }
}
