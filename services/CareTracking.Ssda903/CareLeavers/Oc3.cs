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

    /// <summary>What each IN_TOUCH code means (the API documents them; the subject-access page shows them).</summary>
    public static IReadOnlyDictionary<string, string> InTouchMeanings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["YES"] = "In touch", ["NO"] = "Not in touch", ["DIED"] = "Died", ["REFU"] = "Refuses contact",
        ["NREQ"] = "No longer requires services", ["RHOM"] = "Returned home to parents or others with parental responsibility",
    };

    /// <summary>Rule 132 (F3/P3 were replaced by F4/F5).</summary>
    public static IReadOnlySet<string> Activity { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0" };

    /// <summary>What each ACTIV code means (docs/ssda903.md, "OC3: care leavers").</summary>
    public static IReadOnlyDictionary<string, string> ActivityMeanings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["F1"] = "Full-time higher education", ["P1"] = "Part-time higher education",
        ["F2"] = "Full-time other education", ["P2"] = "Part-time other education",
        ["F4"] = "Full-time apprenticeship", ["P4"] = "Part-time apprenticeship",
        ["F5"] = "Full-time training or employment other than an apprenticeship", ["P5"] = "Part-time training or employment other than an apprenticeship",
        ["G4"] = "Not in education, employment or training because of illness or disability",
        ["G5"] = "Not in education, employment or training, other reasons",
        ["G6"] = "Not in education, employment or training because of pregnancy or parenting",
        ["0"] = "Not known or not in touch",
    };

    /// <summary>ACTIV codes that are in education, employment or training.</summary>
    public static IReadOnlySet<string> InEducationEmploymentOrTraining { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5" };

    /// <summary>The ACCOM letters (rule 133); S (no fixed abode) and X (custody) only with 2, not suitable.</summary>
    public static IReadOnlySet<char> AccommodationKinds { get; } = new HashSet<char>("BCDEGHKRSTUVWXYZ");

    /// <summary>What each ACCOM letter means (docs/ssda903.md, "OC3: care leavers").</summary>
    private static readonly Dictionary<char, string> AccommodationKindMeanings = new()
    {
        ['B'] = "With parents or relatives", ['C'] = "Community home or other residential care", ['D'] = "Semi-independent or transitional",
        ['E'] = "Supported lodgings", ['G'] = "Gone abroad", ['H'] = "Deported", ['K'] = "Ordinary lodgings without support",
        ['R'] = "Residence not known", ['S'] = "No fixed abode or homeless", ['T'] = "Foyers", ['U'] = "Independent living",
        ['V'] = "Emergency accommodation", ['W'] = "Bed and breakfast", ['X'] = "In custody", ['Y'] = "Other",
        ['Z'] = "With former foster carers",
    };

    /// <summary>An ACCOM code in words: the kind and whether it is suitable; null for a code that is not one.</summary>
    public static string? AccommodationMeaning(string code) =>
        code == "0" ? "Unknown"
        : IsAccommodation(code) ? $"{AccommodationKindMeanings[code[0]]}, {(IsSuitable(code) ? "suitable" : "not suitable")}"
        : null;

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
