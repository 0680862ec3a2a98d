using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Codes;

namespace CareTracking.Ssda903.CareLeavers;

/// <summary>A contact with a care leaver: the 903 OC3 codes as found on <see cref="Date"/>.</summary>
/// <param name="InTouch">IN_TOUCH: YES, NO, DIED, REFU, NREQ, RHOM.</param>
/// <param name="Activity">ACTIV: F1, P1, F2, P2, F4, P4, F5, P5, G4, G5, G6, or 0.</param>
/// <param name="Accommodation">ACCOM: a letter for the kind and a digit for suitability (1 suitable, 2 not), or 0.</param>
public sealed record CareLeaverContact(DateOnly Date, string InTouch, string Activity, string Accommodation);

/// <summary>The OC3 codes and the 903 validator rules on them (docs/ssda903.md, "OC3: care leavers").</summary>
public static class Oc3Codes
{
    /// <summary>Rule 131.</summary>
    public static IReadOnlySet<string> InTouch { get; } = new HashSet<string>(StringComparer.Ordinal) { "YES", "NO", "DIED", "REFU", "NREQ", "RHOM" };

    /// <summary>Rule 132 (F3/P3 were replaced by F4/F5).</summary>
    public static IReadOnlySet<string> Activity { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0" };

    /// <summary>ACTIV codes that are in education, employment or training.</summary>
    public static IReadOnlySet<string> InEducationEmploymentOrTraining { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5" };

    /// <summary>The ACCOM letters (rule 133); S (no fixed abode) and X (custody) only with 2, not suitable.</summary>
    public static IReadOnlySet<char> AccommodationKinds { get; } = new HashSet<char>("BCDEGHKRSTUVWXYZ");

    public static bool IsAccommodation(string? code) => code == "0" || code is { Length: 2 } && AccommodationKinds.Contains(code[0]) && code[1] is '1' or '2';

    /// <summary>Rule 133 lists S2 and X2 but not S1 or X1: homelessness and custody are never suitable.</summary>
    public static bool IsSuitabilityAllowed(string code) => !(code is "S1" or "X1");

    /// <summary>ACCOM ending in 1: suitable.</summary>
    public static bool IsSuitable(string accommodation) => accommodation is { Length: 2 } && accommodation[1] == '1';

    /// <summary>Z: with former foster carers (staying put).</summary>
    public static bool IsWithFormerFosterCarers(string accommodation) => accommodation is "Z1" or "Z2";
}

/// <summary>One young person's OC3 row for a collection year, around the birthday <see cref="Age"/> falls on.
/// The codes are those of <see cref="Contact"/>; when no contact falls in the window they are blank (null).</summary>
public sealed record Oc3Row(DateOnly Birthday, int Age, CareLeaverStatus Status, CareLeaverContact? Contact)
{
    public string? InTouch => Contact?.InTouch;
    public string? Activity => Contact?.Activity;
    public string? Accommodation => Contact?.Accommodation;
}

/// <summary>
/// The OC3 table: care leavers whose 17th, 18th, 19th, 20th or 21st birthday falls in the collection year (rule
/// 391), each with the contact nearest that birthday.
/// </summary>
/// <remarks>
/// Cohort (our reading of rules 391 and 1000–1016): relevant on the 17th birthday (a 17-year-old still looked after
/// is not in OC3), former relevant on the 18th, 19th and 20th, and former relevant the day before the 21st (the
/// status runs to the day before it). Adopted, died and transferred young people have no status
/// (<see cref="CareLeaverEligibility"/>). The window: the DfE's guide to the 903 asks for the young person's
/// circumstances "on or around" the birthday, which we take as from 3 months before to 1 month after it
/// (<see cref="MonthsBefore"/>, <see cref="MonthsAfter"/>); this is our recollection of the guide's wording and is
/// not checked against a stored copy (docs/leaving-care.md). Of the contacts in the window the one with fewest days
/// from the birthday is taken; of two equally near, the later.
/// </remarks>
public static class Oc3
{
    public const int MonthsBefore = 3;
    public const int MonthsAfter = 1;

    public static (DateOnly From, DateOnly To) WindowAround(DateOnly birthday) =>
        (CalendarMonths.Add(birthday, -MonthsBefore), CalendarMonths.Add(birthday, MonthsAfter));

    /// <summary>The 17th–21st birthday falling in the year, if any, with the age it marks.</summary>
    public static (DateOnly Birthday, int Age)? BirthdayIn(DateOnly dateOfBirth, CollectionYear year)
    {
        for (var age = 17; age <= 21; age++)
        {
            var birthday = Calendar.Age.Birthday(dateOfBirth, age);
            if (year.Contains(birthday)) return (birthday, age);
        }
        return null;
    }

    public static Oc3Row? RowFor(IEnumerable<CareHistoryPeriod> history, DateOnly dateOfBirth, IEnumerable<CareLeaverContact> contacts, CollectionYear year)
    {
        if (BirthdayIn(dateOfBirth, year) is not var (birthday, age)) return null;
        var periods = history.ToList();
        var statusOn = age == 21 ? birthday.AddDays(-1) : birthday;
        var status = CareLeaverEligibility.On(periods, dateOfBirth, statusOn);
        var expected = age == 17 ? CareLeaverStatus.Relevant : CareLeaverStatus.FormerRelevant;
        if (status != expected) return null;
        return new Oc3Row(birthday, age, expected, NearestContact(contacts, birthday));
    }

    public static CareLeaverContact? NearestContact(IEnumerable<CareLeaverContact> contacts, DateOnly birthday)
    {
        var (from, to) = WindowAround(birthday);
        return contacts
            .Where(c => c.Date >= from && c.Date <= to)
            .OrderBy(c => Math.Abs(c.Date.DayNumber - birthday.DayNumber))
            .ThenByDescending(c => c.Date)
            .FirstOrDefault();
    }
}
