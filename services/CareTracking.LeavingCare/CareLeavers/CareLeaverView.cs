using CareTracking.LeavingCare.CareLeavers.Arrangements;
using CareTracking.LeavingCare.CareLeavers.RecordingContacts;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.CareLeavers;
using CareTracking.Ssda903.Codes;

namespace CareTracking.LeavingCare.CareLeavers;

/// <summary>A recorded fact that breaks a rule found only after it was accepted: it was posted before the
/// care-period message (with the date of birth) arrived, and the care history has since shown it to fall outside
/// the young person's time as a care leaver, or outside the age it is for. The rule id is the one the post would
/// have been refused with.</summary>
public sealed record CareLeaverFlag(string Fact, DateOnly Date, string Rule);

/// <summary>The OC3 window of the row's birthday and where it comes from (docs/leaving-care.md, "OC3 row").</summary>
public sealed record Oc3Window(DateOnly From, DateOnly To, string Source)
{
    public const string Reading =
        "From 3 months before to 1 month after the birthday, both included: our reading of the DfE's guide to the SSDA903 "
        + "collection, which asks for the circumstances 'on or around' the birthday; not checked against a stored copy of the guide.";
}

/// <summary>
/// What <c>GET /api/care-leavers/{childId}</c> answers (issue 11): what is recorded, the status and personal
/// adviser as at a date, and the young person's OC3 row for a collection year with the window its contact was
/// taken from. The date of birth and the care history are not repeated here: Placements holds them.
/// </summary>
/// <param name="Status">Eligible, relevant, former relevant, qualifying, or null (none, or no care history yet).</param>
/// <param name="CareHistoryKnown">False until the first care-period message has arrived: until then facts are
/// held unchecked against the care history.</param>
/// <param name="Oc3">The OC3 row for <paramref name="Oc3Year"/>; null when not in its cohort.</param>
public sealed record CareLeaverView(
    DateOnly AsAt,
    CareLeaverStatus? Status,
    bool CareHistoryKnown,
    string? PersonalAdviserId,
    CareLeaverFacts Recorded,
    CollectionYear Oc3Year,
    Oc3Row? Oc3,
    Oc3Window? Oc3Window,
    IReadOnlyList<CareLeaverFlag> Flags)
{
    public static CareLeaverView Of(CareLeaver young, DateOnly asAt, CollectionYear oc3Year)
    {
        var row = young.Oc3For(oc3Year);
        Oc3Window? window = null;
        if (row is not null)
        {
            var (from, to) = Ssda903.CareLeavers.Oc3.WindowAround(row.Birthday);
            window = new Oc3Window(from, to, Oc3Window.Reading);
        }
        return new CareLeaverView(asAt, young.StatusOn(asAt), young.Periods.Count > 0 && young.DateOfBirth is not null,
            young.PersonalAdviserOn(asAt)?.AdviserId, young.Facts, oc3Year, row, window, FlagsOf(young));
    }

    private static List<CareLeaverFlag> FlagsOf(CareLeaver young)
    {
        var dated = new List<(string Fact, DateOnly Date)>();
        dated.AddRange(young.PersonalAdvisers.Select(a => ("personal-adviser", a.Date)));
        dated.AddRange(young.Contacts.Select(c => ("contact", c.Date)));
        dated.AddRange(young.StayingPut.Select(a => ("staying-put", a.From)));
        dated.AddRange(young.SupportedLodgings.Select(a => ("supported-lodgings", a.From)));
        dated.AddRange(young.PathwayPlanReviews.Select(d => ("pathway-plan-review", d)));

        var flags = dated
            .Where(f => !(young.DateOfBirth is { } born && f.Date < born) && !CareLeaverRules.IsCareLeaverOrAwaiting(young, f.Date))
            .Select(f => new CareLeaverFlag(f.Fact, f.Date, $"{f.Fact}.not-a-care-leaver"))
            .ToList();
        if (young.DateOfBirth is { } born)
        {
            int AgeOn(DateOnly d) => Age.InWholeYears(born, d);
            flags.AddRange(dated.Where(f => f.Date < born).Select(f => new CareLeaverFlag(f.Fact, f.Date, $"{f.Fact}.before-birth")));
            flags.AddRange(young.StayingPut.Where(a => AgeOn(a.From) < RecordStayingPut.FromAge)
                .Select(a => new CareLeaverFlag("staying-put", a.From, $"staying-put.under-{RecordStayingPut.FromAge}")));
            flags.AddRange(young.SupportedLodgings.Where(a => AgeOn(a.From) < RecordSupportedLodgings.FromAge)
                .Select(a => new CareLeaverFlag("supported-lodgings", a.From, $"supported-lodgings.under-{RecordSupportedLodgings.FromAge}")));
            flags.AddRange(young.Contacts.Where(c => Oc3Codes.IsWithFormerFosterCarers(c.Accommodation) && RecordContact.AroundSeventeenthBirthday(young, c.Date))
                .Select(c => new CareLeaverFlag("contact", c.Date, "903-rule-3001")));
        }
        return [.. flags.OrderBy(f => f.Date).ThenBy(f => f.Fact, StringComparer.Ordinal).ThenBy(f => f.Rule, StringComparer.Ordinal)];
    }
}
