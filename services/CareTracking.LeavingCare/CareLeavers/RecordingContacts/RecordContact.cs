using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.CareLeavers;

namespace CareTracking.LeavingCare.CareLeavers.RecordingContacts;

/// <summary>
/// Record a contact with the 903 OC3 codes found: IN_TOUCH, ACTIV and ACCOM (docs/ssda903.md, "OC3: care
/// leavers"). The codes are checked as the DfE validator checks the OC3 row built from them: rule 131 (IN_TOUCH),
/// 132 (ACTIV), 133 (ACCOM, where S and X are only ever 2, not suitable) and 3001 (not with former foster carers,
/// Z, around the 17th birthday). One contact a day; the same again changes nothing.
/// </summary>
public sealed record RecordContact(DateOnly Date, string? InTouch, string? Activity, string? Accommodation)
{
    private const string Fact = "contact";

    public static IReadOnlyList<CareLeaverEvent> Decide(RecordContact command, CareLeaver state, DateTimeOffset now)
    {
        if (command.InTouch is not { } inTouch || !Oc3Codes.InTouch.Contains(inTouch))
            throw new RuleViolation("inTouch", "903-rule-131", "IN_TOUCH must be YES, NO, DIED, REFU, NREQ or RHOM.");
        if (command.Activity is not { } activity || !Oc3Codes.Activity.Contains(activity))
            throw new RuleViolation("activity", "903-rule-132", "ACTIV must be F1, P1, F2, P2, F4, P4, F5, P5, G4, G5, G6 or 0.");
        if (command.Accommodation is not { } accommodation || !Oc3Codes.IsAccommodation(accommodation))
            throw new RuleViolation("accommodation", "903-rule-133",
                "ACCOM must be a 903 accommodation letter (B, C, D, E, G, H, K, R, S, T, U, V, W, X, Y, Z) with 1 (suitable) or 2 (not suitable), or 0.");
        if (!Oc3Codes.IsSuitabilityAllowed(accommodation))
            throw new RuleViolation("accommodation", "903-rule-133",
                "No fixed abode (S) and custody (X) are never suitable accommodation: use S2 or X2.");

        var contact = new CareLeaverContact(command.Date, inTouch, activity, accommodation);
        if (state.Contacts.Find(c => c.Date == command.Date) is { } existing)
            return existing == contact ? [] : throw CareLeaverRules.AlreadyRecorded(Fact, "date");
        CareLeaverRules.RequireDated(state, Fact, "date", command.Date, now);
        CareLeaverRules.RequireCareLeaverOrAwaiting(state, Fact, "date", command.Date);
        if (Oc3Codes.IsWithFormerFosterCarers(accommodation) && AroundSeventeenthBirthday(state, command.Date))
            throw new RuleViolation("accommodation", "903-rule-3001",
                "Around the 17th birthday a young person cannot be living with former foster carers (Z): staying put begins at 18.");
        return [new ContactRecorded(command.Date, inTouch, activity, accommodation)];
    }

    // Rule 3001 checks the OC3 row of the 17th birthday; a contact is that row's when it falls in the birthday's
    // window, and a 17-year-old's contact at any other time is refused for the same reason.
    internal static bool AroundSeventeenthBirthday(CareLeaver state, DateOnly date)
    {
        if (state.DateOfBirth is not { } born) return false;
        var (from, to) = Oc3.WindowAround(Age.Birthday(born, 17));
        return Age.InWholeYears(born, date) == 17 || (date >= from && date <= to);
    }
}
