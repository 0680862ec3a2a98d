namespace CareTracking.DemoData;

/// <summary>A period of care as the generator planned it: from entry to the day care ceased.</summary>
public sealed record PlannedPeriod(DateOnly Start, DateOnly End);

/// <summary>
/// One synthetic child's care history, written as Placements would accept it: every change on a later day than
/// the episode before it (903 rules 141, 355), temporary placements (T0–T4) followed by a return to the same
/// placement with a change of carer (rule 383), reasons for moves only from 2016/17 (rule 1009), placement
/// types and endings that fit the child's age, providers and URNs that fit the placement type (rules 550, 529,
/// 222), and care ending on the 18th birthday at the latest.
/// The whole life is planned whatever today is; the history is cut at "now" only when posted, so a later
/// run posts the same events again plus what has "happened" since.
/// </summary>
internal sealed class ChildLife(int seed, string childId, ChildBody child, Random rng)
{
    private static readonly DateOnly ReasonForMoveFrom = new(2016, 4, 1);
    private static readonly DateOnly SupportedAccommodationFrom = new(2024, 4, 1);

    private readonly List<DemoPost> posts = [];
    private readonly List<PlannedPeriod> periods = [];
    private int steps;
    private DateOnly periodStart;
    private string? homePostcode;

    public string ChildId => childId;
    public ChildBody Child => child;
    public Random Rng => rng;
    public bool InCare { get; private set; }
    public DateOnly Last { get; private set; }
    public string LegalStatus { get; private set; } = "";
    public PlacementBody Placement { get; private set; } = null!;
    public DateOnly Birthday18 => child.DateOfBirth.AddYears(18);
    public IReadOnlyList<DemoPost> Posts => posts;
    public IReadOnlyList<PlannedPeriod> Periods => periods;

    public int AgeOn(DateOnly date)
    {
        var age = date.Year - child.DateOfBirth.Year;
        return date < child.DateOfBirth.AddYears(age) ? age - 1 : age;
    }

    public Guid IdFor(string name) => DemoIds.For(seed, childId, name);

    public Guid NextId(DemoService service, string label) => DemoIds.For(seed, childId, $"{service}/{++steps}/{label}");

    public void Add(DemoService service, DateTimeOffset at, string path, object body, string label) =>
        posts.Add(new DemoPost(service, childId, at, path, body, label));

    public static DateTimeOffset Noon(DateOnly date) => new(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    // ---- Placements ----

    public void Enter(DateOnly date, string legalStatus, string categoryOfNeed, PlacementBody placement, string? homePostcode)
    {
        if (InCare) throw new InvalidOperationException("The generator entered a child into care twice.");
        if (periods.Count > 0) date = Later(date);
        InCare = true;
        periodStart = date;
        Last = date;
        LegalStatus = legalStatus;
        this.homePostcode = homePostcode;
        placement = Places.Locate(placement, homePostcode);
        Placement = placement;
        var body = new EnteredCareBody(date, legalStatus, categoryOfNeed, placement, homePostcode, child, NextId(DemoService.Placements, "entered-care"));
        Add(DemoService.Placements, Noon(date), $"/api/children/{childId}/entered-care", body, "entered care");
    }

    /// <summary>False when care had ended by then (the 18th birthday came first), so the caller stops.</summary>
    public bool ChangeLegalStatus(DateOnly date, string legalStatus)
    {
        if (!Ready(ref date) || legalStatus == LegalStatus) return InCare;
        LegalStatus = legalStatus;
        var body = new LegalStatusChangeBody(date, legalStatus, NextId(DemoService.Placements, "legal-status"));
        Add(DemoService.Placements, Noon(date), $"/api/children/{childId}/legal-status-changes", body, $"legal status {legalStatus}");
        return true;
    }

    public bool Move(DateOnly date, PlacementBody placement, bool sameCarer, string reason, string? legalStatus = null)
    {
        if (!Ready(ref date)) return false;
        if (legalStatus == LegalStatus) legalStatus = null;
        // REASON_PLACE_CHANGE is collected from 2016/17; before then the guide had no such field.
        var reasonInForce = date < ReasonForMoveFrom ? null : reason;
        placement = Places.Locate(placement, homePostcode);
        Placement = placement;
        if (legalStatus is not null) LegalStatus = legalStatus;
        var body = new PlacementMoveBody(date, placement, sameCarer, reasonInForce, legalStatus, NextId(DemoService.Placements, "move"));
        Add(DemoService.Placements, Noon(date), $"/api/children/{childId}/placement-moves", body, $"placement move to {placement.Type}");
        return true;
    }

    /// <summary>A temporary placement (T3: the foster carers' holiday; T1: hospital) and the return to the
    /// same placement afterwards (903 rule 383). Neither needs a reason.</summary>
    public bool Temporary(DateOnly date, string type, int days)
    {
        if (!Ready(ref date)) return false;
        var back = date.AddDays(days);
        if (back >= Birthday18) return true;
        var usual = Placement;
        var away = new PlacementBody(type, null, null, null);
        Add(DemoService.Placements, Noon(date), $"/api/children/{childId}/placement-moves",
            new PlacementMoveBody(date, away, false, null, null, NextId(DemoService.Placements, "temporary")), $"temporary placement {type}");
        Add(DemoService.Placements, Noon(back), $"/api/children/{childId}/placement-moves",
            new PlacementMoveBody(back, usual, false, null, null, NextId(DemoService.Placements, "temporary-return")), "return from temporary placement");
        Last = back;
        return true;
    }

    public void Cease(DateOnly date, string reason)
    {
        if (!Ready(ref date)) return;
        End(date, reason);
    }

    /// <summary>The day of the next change: after the last one, and stopping care at 18.</summary>
    private bool Ready(ref DateOnly date)
    {
        if (!InCare) return false;
        date = Later(date);
        if (date >= Birthday18)
        {
            End(Birthday18 > Last ? Birthday18 : Last.AddDays(1), ReasonAt18());
            return false;
        }
        Last = date;
        return true;
    }

    private DateOnly Later(DateOnly date) => date > Last ? date : Last.AddDays(1);

    private void End(DateOnly date, string reason)
    {
        InCare = false;
        Last = date;
        periods.Add(new PlannedPeriod(periodStart, date));
        var body = new CeasedCareBody(date, reason, NextId(DemoService.Placements, "ceased-care"));
        Add(DemoService.Placements, Noon(date), $"/api/children/{childId}/ceased-care", body, $"ceased care {reason}");
    }

    /// <summary>Care ends on the 18th birthday: staying put with foster carers (E17), supported lodgings or
    /// accommodation (E5), living independently (E6), home to family (E13) or another reason (E8).</summary>
    private string ReasonAt18() => Placement.Type switch
    {
        "U1" or "U2" or "U3" or "U4" or "U5" or "U6" => Pick.Weighted(rng, ("E17", 45), ("E5", 25), ("E13", 10), ("E8", 20)),
        "H5" or "K3" => Pick.Weighted(rng, ("E5", 70), ("E6", 20), ("E8", 10)),
        "P1" => "E13",
        _ => Pick.Weighted(rng, ("E5", 60), ("E13", 15), ("E8", 25)),
    };

    // ---- Placement choices ----

    public PlacementBody Foster(string type, DateOnly date, bool agency) => agency
        ? new PlacementBody(type, "PR4", Places.Postcode(rng, outOfArea: rng.NextDouble() < 0.5), Places.Urn(rng))
        : new PlacementBody(type, "PR1", Places.Postcode(rng, outOfArea: rng.NextDouble() < 0.1), null);

    public PlacementBody ChildrensHome() =>
        new("K2", Pick.Weighted(rng, ("PR4", 80), ("PR1", 12), ("PR5", 8)), Places.Postcode(rng, outOfArea: rng.NextDouble() < 0.6), Places.Urn(rng));

    /// <summary>Semi-independent living for 16–17 year olds: H5 until 2023/24, supported accommodation K3 from 2024/25.</summary>
    public PlacementBody SemiIndependent(DateOnly date) =>
        new(date < SupportedAccommodationFrom ? "H5" : "K3", Pick.Weighted(rng, ("PR4", 75), ("PR5", 25)),
            Places.Postcode(rng, outOfArea: rng.NextDouble() < 0.3), Places.Urn(rng));

    public PlacementBody SameCarer(string type) => Placement with { Type = type };
}

internal static class Pick
{
    public static T Weighted<T>(Random rng, params (T Value, int Weight)[] choices)
    {
        var roll = rng.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight) return value;
            roll -= weight;
        }
        return choices[^1].Value;
    }

    public static int Between(Random rng, int min, int max) => rng.Next(min, max + 1);

    public static bool Chance(Random rng, double p) => rng.NextDouble() < p;
}

/// <summary>Synthetic postcodes and Ofsted URNs: real Derby (DE) districts, made-up units.</summary>
internal static class Places
{
    private static readonly string[] Derby = ["DE1", "DE3", "DE21", "DE22", "DE23", "DE24", "DE65", "DE73"];
    private static readonly string[] Elsewhere = ["DE7", "DE55", "DE56", "NG9", "NG10", "S40", "LE11", "ST14", "B75", "WV10", "M14", "LE1", "ST4", "S1"];
    private const string UnitLetters = "ABDEFGHJLNPQRSTUWXYZ";

    public static string Postcode(Random rng, bool outOfArea)
    {
        var districts = outOfArea ? Elsewhere : Derby;
        return $"{districts[rng.Next(districts.Length)]} {rng.Next(1, 10)}{UnitLetters[rng.Next(UnitLetters.Length)]}{UnitLetters[rng.Next(UnitLetters.Length)]}";
    }

    public static string Urn(Random rng) => $"SC{rng.Next(100000, 1000000)}";

    /// <summary>
    /// The LA of placement (PL_LA) of each district and its rough straight-line distance from Derby in miles:
    /// Derby itself (831), Derbyshire (830), Nottinghamshire (891), Leicestershire (855), Staffordshire (860),
    /// Birmingham (330), Wolverhampton (336), Manchester (352), Leicester (856), Stoke-on-Trent (861) and
    /// Sheffield (373).
    /// </summary>
    private static readonly Dictionary<string, (string Authority, decimal Miles)> Districts = new(StringComparer.Ordinal)
    {
        ["DE1"] = ("831", 1.0m), ["DE3"] = ("831", 3.0m), ["DE21"] = ("831", 2.5m), ["DE22"] = ("831", 2.0m),
        ["DE23"] = ("831", 2.0m), ["DE24"] = ("831", 2.5m), ["DE65"] = ("831", 5.5m), ["DE73"] = ("831", 5.0m),
        ["DE7"] = ("830", 8.5m), ["DE55"] = ("830", 14.0m), ["DE56"] = ("830", 8.0m), ["NG9"] = ("891", 11.5m),
        ["NG10"] = ("891", 8.5m), ["S40"] = ("830", 22.5m), ["LE11"] = ("855", 16.0m), ["ST14"] = ("860", 16.5m),
        ["B75"] = ("330", 29.5m), ["WV10"] = ("336", 37.5m), ["M14"] = ("352", 51.5m),
        ["LE1"] = ("856", 25.0m), ["ST4"] = ("861", 32.5m), ["S1"] = ("373", 35.5m),
    };

    /// <summary>
    /// The placement with its PL_LA and PL_DISTANCE as a case system would record them, decided by the postcode
    /// alone (so a rerun posts the same bodies and the other choices' random draws are unchanged): most have
    /// both; about one in ten has no distance recorded, one in twenty the unknown distance (999.9), one in
    /// twenty-five is confidential (CON, no distance). A placement at the home postcode is 0 miles away.
    /// Temporary placements without a postcode get neither.
    /// </summary>
    public static PlacementBody Locate(PlacementBody placement, string? homePostcode)
    {
        if (placement.Postcode is not { } postcode || !Districts.TryGetValue(postcode.Split(' ')[0], out var district))
            return placement with { LocalAuthority = null, DistanceMiles = null };
        if (postcode == homePostcode)
            return placement with { LocalAuthority = district.Authority, DistanceMiles = 0.0m };

        var hash = StableHash(postcode);
        if (hash % 25 == 0) return placement with { LocalAuthority = "CON", DistanceMiles = null };
        decimal? miles = (int)(hash / 25 % 20) switch
        {
            0 or 1 => null,
            2 => 999.9m,
            var jitter => district.Miles + (jitter - 10) / 10m,
        };
        return placement with { LocalAuthority = district.Authority, DistanceMiles = miles is { } m ? Math.Max(0.1m, m) : null };
    }

    /// <summary>FNV-1a over the characters: the same on every run, unlike string.GetHashCode.</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
