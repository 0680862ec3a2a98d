using CareTracking.Import903.ReturnFiles;
using CareTracking.Ssda903.Codes;
using static CareTracking.Import903.Mapping.ImportRules;

namespace CareTracking.Import903.Mapping;

/// <summary>
/// The OC2 (health and offending) and OC3 (care leavers) rows as facts for the Health and Leaving-care services
/// (docs/import-903.md, "OC2 and OC3"). Both tables give one row per child for the collection year without the dates
/// of the facts, so the facts are dated: OC2's on 31 March (the last day of the year, on which every child of the OC2
/// cohort is looked after), OC3's contact on the 17th–21st birthday that falls in the year (the day the 903 asks
/// about). A flag 0 or blank records nothing: the 903 does not say a check was made and failed.
/// </summary>
public static class OutcomeMapping
{
    /// <summary>The collection year the return is for: the one containing its latest episode, review or missing date.</summary>
    public static CollectionYear? YearOf(ReturnRecords records)
    {
        var dates = records.Episodes.SelectMany(e => new[] { e.Decom, e.Dec })
            .Concat(records.Reviews.Select(r => r.Review))
            .Concat(records.Missing.SelectMany(m => new[] { m.MisStart, m.MisEnd }))
            .Select(ReturnValues.Date).OfType<DateOnly>().ToList();
        return dates.Count == 0 ? null : CollectionYear.Of(dates.Max());
    }

    /// <param name="headerDob">The child's DOB from header.csv, used when the OC2 row has none.</param>
    public static (ImportStep?, RowRejection?) Oc2(Oc2Record r, CollectionYear? collectionYear, ImportIds ids, string? headerDob = null)
    {
        if (collectionYear is not { } year) return (null, NoYear(r));
        var flags = new[]
        {
            ("CONVICTED", r.Convicted), ("HEALTH_CHECK", r.HealthCheck), ("IMMUNISATIONS", r.Immunisations), ("TEETH_CHECK", r.TeethCheck),
            ("HEALTH_ASSESSMENT", r.HealthAssessment), ("SUBSTANCE_MISUSE", r.SubstanceMisuse),
            ("INTERVENTION_RECEIVED", r.InterventionReceived), ("INTERVENTION_OFFERED", r.InterventionOffered),
        };
        foreach (var (field, value) in flags)
            if (value is not ("" or "0" or "1"))
                return (null, Reject(r, field, CodeUnknown, $"{field} '{value}' is not 0, 1 or blank."));
        int? score = null;
        if (r.SdqScore.Length > 0)
        {
            if (!int.TryParse(r.SdqScore, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s))
                return (null, Reject(r, "SDQ_SCORE", CodeUnknown, $"SDQ_SCORE '{r.SdqScore}' is not a whole number."));
            score = s;
        }

        var date = year.LastDay;
        // HEALTH_CHECK is asked only of children under 5 (903 rules 545/546): a 1 for a child 5 or over on 31 March is not
        // a development check, and Health would refuse or flag it depending on whether it knew the period of care yet.
        if (r.HealthCheck == "1" && ReturnValues.Date(r.Dob.Length > 0 ? r.Dob : headerDob ?? "") is { } born
            && CareTracking.Ssda903.Calendar.Age.InWholeYears(born, date) >= 5)
            return (null, Reject(r, "HEALTH_CHECK", DevelopmentCheckAge,
                $"HEALTH_CHECK 1 for a child aged {CareTracking.Ssda903.Calendar.Age.InWholeYears(born, date)} on {date:dd/MM/yyyy}: development checks are for children under 5."));
        var child = Uri.EscapeDataString(r.Child);
        var posts = new List<ImportPost>();
        void Post(string fact, object body) =>
            posts.Add(new ImportPost(TargetService.Health, $"/api/children/{child}/{fact}", body, fact));

        // The annual assessment of a child in care for a year is a review assessment.
        if (r.HealthAssessment == "1") Post("health-assessments", new HealthAssessmentBody(date, "review", ids.For(r, "health-assessments")));
        if (r.Immunisations == "1") Post("immunisations", new ImmunisationsBody(date, true, ids.For(r, "immunisations")));
        if (r.TeethCheck == "1") Post("dental-checks", new DatedBody(date, ids.For(r, "dental-checks")));
        if (r.HealthCheck == "1") Post("development-checks", new DatedBody(date, ids.For(r, "development-checks")));
        if (score is not null || r.SdqReason.Length > 0)
            Post("sdq", new SdqBody(date, score, score is null ? r.SdqReason : null, ids.For(r, "sdq")));
        if (r.Convicted == "1") Post("convictions", new DatedBody(date, ids.For(r, "convictions")));
        if (r.SubstanceMisuse == "1")
            Post("substance-misuse", new SubstanceMisuseBody(date, r.InterventionOffered == "1", r.InterventionReceived == "1", ids.For(r, "substance-misuse")));
        return (new ImportStep(r.Row, r.Child, posts), null);
    }

    /// <param name="headerDob">The child's DOB from header.csv, used when the OC3 row has none.</param>
    public static (ImportStep?, RowRejection?) Oc3(Oc3Record r, CollectionYear? collectionYear, string? headerDob, ImportIds ids)
    {
        if (collectionYear is not { } year) return (null, NoYear(r));
        var dobText = r.Dob.Length > 0 ? r.Dob : headerDob ?? "";
        if (ReturnValues.Date(dobText) is not { } dob)
            return (null, Reject(r, "DOB", DateFormat, $"DOB '{dobText}' is not a date (dd/mm/yyyy), here or in {ReturnFile.Header}."));
        if (CareTracking.Ssda903.CareLeavers.Oc3.BirthdayIn(dob, year) is not { } birthday)
            return (null, Reject(r, "DOB", NoBirthdayInYear,
                $"no 17th to 21st birthday falls in the collection year {year.FirstDay:yyyy}/{year.LastDay:yy}, so the row names no contact date."));
        var body = new CareLeaverContactBody(birthday.Birthday, r.InTouch, r.Activ, r.Accom, ids.For(r, "contact"));
        return (new ImportStep(r.Row, r.Child, [new ImportPost(TargetService.LeavingCare, $"/api/care-leavers/{Uri.EscapeDataString(r.Child)}/contacts", body, "contact")]), null);
    }

    private static RowRejection NoYear(IReturnRecord r) =>
        Reject(r, "CHILD", YearUnknown, "the return's collection year is not known: it has no dated episode, review or missing row; pass --year.");
}
