using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.CareLeavers;

namespace CareTracking.LeavingCare.CareLeavers;

/// <summary>The rules every dated leaving-care fact meets. Rule ids start with the fact's name; a 903 validator
/// rule is named <c>903-rule-N</c>.</summary>
/// <remarks>
/// As in the Health, Reviews and Missing episodes services, a fact posted before any care-period message for the
/// young person has arrived is kept (the history may be seconds behind), never lost. Once a care history is known,
/// the young person must be a care leaver on the date: eligible, relevant, former relevant or qualifying, or
/// 21 to 24 after being former relevant at 20 (the personal adviser duty runs to 25, Children and Social Work Act
/// 2017 s3, so contacts and reviews go on being recorded).
/// </remarks>
internal static class CareLeaverRules
{
    public static void RequireDated(CareLeaver state, string fact, string field, DateOnly date, DateTimeOffset now)
    {
        if (date > UkLocalDate.Of(now))
            throw new RuleViolation(field, $"{fact}.in-future", "This cannot be dated after today.");
        if (state.DateOfBirth is { } born && date < born)
            throw new RuleViolation(field, $"{fact}.before-birth", "This cannot be dated before the young person's date of birth.");
    }

    public static void RequireCareLeaverOrAwaiting(CareLeaver state, string fact, string field, DateOnly date)
    {
        if (IsCareLeaverOrAwaiting(state, date)) return;
        throw new RuleViolation(field, $"{fact}.not-a-care-leaver",
            "On that date the young person was not a care leaver (eligible, relevant, former relevant or qualifying) by the care history known.");
    }

    /// <summary>True when no care history is known yet (the fact is held), or the young person is a care leaver on
    /// the date, or 21 to 24 after being former relevant at 20.</summary>
    public static bool IsCareLeaverOrAwaiting(CareLeaver state, DateOnly date)
    {
        if (state.Periods.Count == 0 || state.DateOfBirth is not { } born) return true;
        if (state.StatusOn(date) is not null) return true;
        var age = Age.InWholeYears(born, date);
        return age is >= 21 and < 25
            && CareLeaverEligibility.On(state.History, born, Age.Birthday(born, 21).AddDays(-1)) == CareLeaverStatus.FormerRelevant;
    }

    public static int? AgeOn(CareLeaver state, DateOnly date) =>
        state.DateOfBirth is { } born ? Age.InWholeYears(born, date) : null;

    public static RuleViolation AlreadyRecorded(string fact, string field) =>
        new(field, $"{fact}.already-recorded", "Something different is already recorded for this young person on this date; one record a day stands.");
}
