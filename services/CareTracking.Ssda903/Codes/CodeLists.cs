namespace CareTracking.Ssda903.Codes;

/// <summary>One code of a 903 list and the dates it may be used on (inclusive; null = open-ended).</summary>
public sealed record Code(string Value, string Meaning, DateOnly? ValidFrom = null, DateOnly? ValidUntil = null)
{
    public bool IsValidOn(DateOnly date) =>
        (ValidFrom is not { } from || date >= from) && (ValidUntil is not { } until || date <= until);
}

/// <summary>
/// The 903 code lists with the collection years each code is valid in (DfE guide and the 903 validator's
/// per-year lists, as summarised in docs/ssda903.md). A code is valid by the effective date of the event it
/// describes, so a back-dated event may use a code that has since been retired. Codes are matched exactly:
/// the API speaks the upper-case codes of the guide.
/// </summary>
public static class CodeLists
{
    public static bool IsKnown(CodeList list, string? code) =>
        code is not null && Lists[list].ContainsKey(code);

    public static bool IsValid(CodeList list, string? code, DateOnly onDate) =>
        code is not null && Lists[list].TryGetValue(code, out var entry) && entry.IsValidOn(onDate);

    public static Code? Find(CodeList list, string? code) =>
        code is not null && Lists[list].TryGetValue(code, out var entry) ? entry : null;

    public static IReadOnlyCollection<Code> All(CodeList list) => Lists[list].Values;

    /// <summary>The codes of a list that may be used on a date, for "what is allowed" messages.</summary>
    public static IReadOnlyList<string> ValidOn(CodeList list, DateOnly date) =>
        Lists[list].Values.Where(c => c.IsValidOn(date)).Select(c => c.Value).ToList();

    private static DateOnly FromYear(int startYear) => new CollectionYear(startYear).FirstDay;
    private static DateOnly UntilYear(int startYear) => new CollectionYear(startYear).LastDay;

    private static Dictionary<string, Code> ListOf(params Code[] codes) =>
        codes.ToDictionary(c => c.Value, StringComparer.Ordinal);

    private static readonly Dictionary<CodeList, Dictionary<string, Code>> Lists = new()
    {
        [CodeList.ReasonNewEpisode] = ListOf(
            new("S", "Started to be looked after"),
            new("L", "Change of legal status only"),
            new("P", "Change of placement and carer(s) only"),
            new("T", "Change of placement but same carer(s) only"),
            new("U", "Change of legal status and placement on the same day, same carer(s)"),
            new("B", "Change of legal status, placement and carer(s) on the same day")),

        // D1 and E1 follow the Adoption and Children Act 2002: the validator (rules 445, 446) accepts D1 for
        // episodes starting up to 31/12/2005 and E1 for episodes starting from 01/12/2005.
        [CodeList.LegalStatus] = ListOf(
            new("C1", "Interim care order"),
            new("C2", "Full care order"),
            new("D1", "Freeing order granted", ValidUntil: new DateOnly(2005, 12, 31)),
            new("E1", "Placement order granted", ValidFrom: new DateOnly(2005, 12, 1)),
            new("V2", "Single period of accommodation under section 20"),
            new("V3", "Accommodated under an agreed series of short-term breaks, individual episodes recorded"),
            new("V4", "Accommodated under an agreed series of short-term breaks, agreements recorded"),
            new("L1", "Under police protection and in local authority accommodation"),
            new("L2", "Emergency protection order"),
            new("L3", "Under child assessment order and in local authority accommodation"),
            new("J1", "Remanded to local authority accommodation or youth detention accommodation"),
            new("J2", "Placed in local authority accommodation under PACE"),
            new("J3", "Sentenced to a youth rehabilitation order with residence or intensive fostering requirement")),

        [CodeList.CategoryOfNeed] = ListOf(
            new("N1", "Abuse or neglect"),
            new("N2", "Child's disability"),
            new("N3", "Parental illness or disability"),
            new("N4", "Family in acute stress"),
            new("N5", "Family dysfunction"),
            new("N6", "Socially unacceptable behaviour"),
            new("N7", "Low income"),
            new("N8", "Absent parenting")),

        [CodeList.PlacementType] = ListOf(
            new("A3", "Placed for adoption with consent with current foster carer(s)"),
            new("A4", "Placed for adoption with consent, not with current foster carer(s)"),
            new("A5", "Placed for adoption with placement order with current foster carer(s)"),
            new("A6", "Placed for adoption with placement order, not with current foster carer(s)"),
            new("H5", "Semi-independent living accommodation not subject to children's homes regulations", ValidUntil: UntilYear(2024)),
            new("K1", "Secure children's home"),
            new("K2", "Children's home subject to Children's Homes Regulations"),
            new("K3", "Supported accommodation", ValidFrom: FromYear(2024)),
            new("P1", "Placed with own parent(s) or other person(s) with parental responsibility"),
            new("P2", "Independent living", ValidUntil: UntilYear(2024)),
            new("P3", "Residential employment"),
            new("R1", "Residential care home"),
            new("R2", "NHS/health trust or other establishment providing medical or nursing care"),
            new("R3", "Family centre or mother and baby unit"),
            new("R5", "Young offender institution"),
            new("S1", "Residential school"),
            new("T0", "Temporary move of any type"),
            new("T1", "Temporary period in hospital"),
            new("T2", "Temporary absence of the child on holiday"),
            new("T3", "Temporary accommodation whilst normal foster carer(s) on holiday"),
            new("T4", "Temporary accommodation of seven days or less, for any other reason"),
            new("U1", "Foster placement with relative(s) or friend(s), long-term fostering"),
            new("U2", "Foster placement with relative(s) or friend(s) who are also approved adopters"),
            new("U3", "Foster placement with relative(s) or friend(s), not long-term or FFA"),
            new("U4", "Foster placement with other foster carer(s), long-term fostering"),
            new("U5", "Foster placement with other foster carer(s) who are also approved adopters"),
            new("U6", "Foster placement with other foster carer(s), not long-term or FFA"),
            new("Z1", "Other placements", ValidUntil: UntilYear(2024)),
            new("Z11", "Other placements (2025/26 split of Z1)", ValidFrom: FromYear(2025)),
            new("Z12", "Other placements (2025/26 split of Z1)", ValidFrom: FromYear(2025)),
            new("Z13", "Other placements (2025/26 split of Z1)", ValidFrom: FromYear(2025)),
            new("Z14", "Other placements (2025/26 split of Z1)", ValidFrom: FromYear(2025))),

        [CodeList.PlacementProvider] = ListOf(
            new("PR0", "Parent(s) or other person(s) with parental responsibility"),
            new("PR1", "Own provision by the local authority"),
            new("PR2", "Other local authority provision"),
            new("PR3", "Other public provision"),
            new("PR4", "Private provision"),
            new("PR5", "Voluntary or third sector provision")),

        [CodeList.ReasonEpisodeCeased] = ListOf(
            new("X1", "Episode ceases and a new episode begins on the same day"),
            new("E11", "Adopted, application unopposed"),
            new("E12", "Adopted, consent dispensed with by the court"),
            new("E2", "Died"),
            new("E3", "Care taken over by another local authority in the UK"),
            new("E4A", "Returned home as part of the care planning process"),
            new("E4B", "Returned home not as part of the care planning process"),
            new("E13", "Left care to live with parent(s), relative(s) or other person(s) with no parental responsibility"),
            new("E41", "Residence order or child arrangements order granted"),
            new("E45", "Special guardianship order to former foster carer(s) who are relative(s) or friend(s)"),
            new("E46", "Special guardianship order to former foster carer(s), not relatives or friends"),
            new("E47", "Special guardianship order to carer(s) other than former foster carer(s), relative(s) or friend(s)"),
            new("E48", "Special guardianship order to carer(s) other than former foster carer(s), not relatives or friends"),
            new("E5", "Moved into independent living with supportive accommodation"),
            new("E6", "Moved into independent living without formalised support"),
            new("E7", "Transferred to residential care funded by adult social care"),
            new("E8", "Period of being looked after ceased for any other reason"),
            new("E9", "Sentenced to custody"),
            new("E14", "Accommodation on remand ended"),
            new("E15", "Age assessment determined the child is 18 or over"),
            new("E16", "Child moved abroad"),
            new("E17", "Aged 18 or over and remained with current carers")),

        // Collected from 2016/17 (903 rule 1009).
        [CodeList.ReasonPlaceChange] = ListOf(
            new("CARPL", "Change to or implementation of care plan", ValidFrom: FromYear(2016)),
            new("CLOSE", "Resignation or closure of provision", ValidFrom: FromYear(2016)),
            new("ALLEG", "Allegation (section 47)", ValidFrom: FromYear(2016)),
            new("STAND", "Standards of care concern", ValidFrom: FromYear(2016)),
            new("APPRR", "Approval removed", ValidFrom: FromYear(2016)),
            new("CREQB", "Carer requests placement end due to child's behaviour", ValidFrom: FromYear(2016)),
            new("CREQO", "Carer requests placement end other than due to child's behaviour", ValidFrom: FromYear(2016)),
            new("CHILD", "Child requests placement end", ValidFrom: FromYear(2016)),
            new("LAREQ", "Responsible or area authority requests placement end", ValidFrom: FromYear(2016)),
            new("PLACE", "Change in the status of placement only", ValidFrom: FromYear(2016)),
            new("CUSTOD", "Custody arrangement", ValidFrom: FromYear(2016)),
            new("OTHER", "Other", ValidFrom: FromYear(2016))),

        // The API speaks M/F/U in every year: returns before 2024/25 coded sex as 1/2, which an import maps
        // to M/F, so 1/2 never reach the domain.
        [CodeList.Sex] = ListOf(
            new("M", "Male"),
            new("F", "Female"),
            new("U", "Unknown or indeterminate")),

        [CodeList.Ethnicity] = ListOf(
            new("WBRI", "White British"),
            new("WIRI", "White Irish"),
            new("WOTH", "Any other White background"),
            new("WIRT", "Traveller of Irish heritage"),
            new("WROM", "Gypsy/Roma"),
            new("MWBC", "White and Black Caribbean"),
            new("MWBA", "White and Black African"),
            new("MWAS", "White and Asian"),
            new("MOTH", "Any other mixed background"),
            new("AIND", "Indian"),
            new("APKN", "Pakistani"),
            new("ABAN", "Bangladeshi"),
            new("AOTH", "Any other Asian background"),
            new("BCRB", "Caribbean"),
            new("BAFR", "African"),
            new("BOTH", "Any other Black background"),
            new("CHNE", "Chinese"),
            new("OOTH", "Any other ethnic group"),
            new("REFU", "Refused"),
            new("NOBT", "Information not yet obtained")),
    };
}
