namespace CareTracking.DemoData;

/// <summary>One synthetic child and the posts of its history up to "now", per service in date order.</summary>
public sealed record DemoChild(string ChildId, DateOnly EnteredCare, IReadOnlyList<DemoPost> Posts)
{
    public IEnumerable<DemoPost> For(DemoService service) => Posts.Where(p => p.Service == service);
}

/// <summary>
/// A deterministic, synthetic history of children in care of one authority (Derby-like mix): about twenty
/// children already in care before April 2020 (so the first years are not a cohort growing from nothing) and
/// one child entering care every three to four weeks from April 2020. Nothing here is real: ids, postcode
/// units and dates of birth are made up from the seed.
/// </summary>
public static class DemoCohort
{
    public static readonly DateOnly FirstIntake = new(2020, 4, 1);
    private static readonly DateOnly EarliestLegacyEntry = new(2014, 4, 1);
    private const int LegacyChildren = 20;

    private enum Plan { ReturnHome, Adoption, SpecialGuardianship, LongTerm, Unstable, Remand, Uasc }

    /// <summary>The children who had entered care before <paramref name="asOf"/>, with their posts dated before it.</summary>
    public static IReadOnlyList<DemoChild> Generate(int seed, DateOnly asOf)
    {
        var intake = new Random(seed);
        var entries = Enumerable.Range(0, LegacyChildren)
            .Select(_ => (Date: EarliestLegacyEntry.AddDays(intake.Next(FirstIntake.DayNumber - EarliestLegacyEntry.DayNumber)), Legacy: true))
            .OrderBy(e => e.Date)
            .ToList();
        for (var date = FirstIntake.AddDays(intake.Next(0, 10)); date < asOf; date = date.AddDays(intake.Next(12, 38)))
            entries.Add((date, false));

        var cutoff = new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-1);
        return entries
            .Where(e => e.Date < asOf)
            .Select((e, index) => Life(seed, index + 1, e.Date, e.Legacy))
            .Select(life => new DemoChild(life.ChildId, ((EnteredCareBody)life.Posts[0].Body).Date,
                life.Posts.Where(p => p.At < cutoff).OrderBy(p => p.Service).ThenBy(p => p.At).ToList()))
            .Where(c => c.Posts.Count > 0)
            .ToList();
    }

    private static ChildLife Life(int seed, int number, DateOnly entry, bool legacy)
    {
        var rng = new Random(unchecked(seed * 7919 + number));
        var uasc = !legacy && Pick.Chance(rng, 0.07);
        var age = uasc ? Pick.Between(rng, 15, 17)
            : legacy ? Pick.Between(rng, 0, 11)
            : Pick.Weighted(rng, (0, 19), (Pick.Between(rng, 1, 4), 14), (Pick.Between(rng, 5, 9), 15), (Pick.Between(rng, 10, 15), 35), (Pick.Between(rng, 16, 17), 17));
        var dateOfBirth = entry.AddYears(-age).AddDays(-rng.Next(1, 360));
        if (dateOfBirth > entry) dateOfBirth = entry.AddDays(-rng.Next(1, 60));
        var sex = uasc ? Pick.Weighted(rng, ("M", 95), ("F", 5)) : Pick.Weighted(rng, ("M", 54), ("F", 46));
        var ethnicity = uasc
            ? Pick.Weighted(rng, ("OOTH", 40), ("AOTH", 25), ("BAFR", 25), ("WOTH", 10))
            : Pick.Weighted(rng, ("WBRI", 62), ("WOTH", 5), ("MWBC", 8), ("MWAS", 3), ("MOTH", 5), ("APKN", 6), ("AIND", 1),
                ("AOTH", 2), ("BAFR", 3), ("BCRB", 2), ("BOTH", 1), ("OOTH", 2));
        var life = new ChildLife(seed, $"demo-{number:D4}", new ChildBody(sex, dateOfBirth, ethnicity, uasc), rng);

        var plan = uasc ? Plan.Uasc
            : legacy ? (age < 3 ? Pick.Weighted(rng, (Plan.Adoption, 40), (Plan.LongTerm, 45), (Plan.SpecialGuardianship, 15)) : Plan.LongTerm)
            : age switch
            {
                < 1 => Pick.Weighted(rng, (Plan.Adoption, 35), (Plan.ReturnHome, 30), (Plan.SpecialGuardianship, 20), (Plan.LongTerm, 15)),
                < 5 => Pick.Weighted(rng, (Plan.Adoption, 20), (Plan.ReturnHome, 35), (Plan.SpecialGuardianship, 25), (Plan.LongTerm, 20)),
                < 10 => Pick.Weighted(rng, (Plan.ReturnHome, 40), (Plan.SpecialGuardianship, 20), (Plan.LongTerm, 40)),
                < 12 => Pick.Weighted(rng, (Plan.ReturnHome, 40), (Plan.LongTerm, 40), (Plan.Unstable, 20)),
                < 16 => Pick.Weighted(rng, (Plan.ReturnHome, 30), (Plan.LongTerm, 30), (Plan.Unstable, 32), (Plan.Remand, 8)),
                _ => Pick.Weighted(rng, (Plan.ReturnHome, 25), (Plan.LongTerm, 65), (Plan.Remand, 10)),
            };
        var home = Places.Postcode(rng, outOfArea: false);
        switch (plan)
        {
            case Plan.ReturnHome: ReturnHome(life, entry, home); break;
            case Plan.Adoption: Adoption(life, entry, home); break;
            case Plan.SpecialGuardianship: SpecialGuardianship(life, entry, home); break;
            case Plan.LongTerm: LongTerm(life, entry, home); break;
            case Plan.Unstable: Unstable(life, entry, home); break;
            case Plan.Remand: Remand(life, entry, home); break;
            case Plan.Uasc: Uasc(life, entry); break;
        }

        var missingPerYear = plan switch { Plan.Unstable => 5.0, Plan.Remand => 2.0, Plan.LongTerm => 0.8, Plan.Uasc => 0.5, _ => 0.4 };
        MissingHistory.Add(life, missingPerYear, plan == Plan.Unstable);
        ReviewHistory.Add(life);
        PermanenceHistory.Add(life);
        LeavingCareHistory.Add(life);
        return life;
    }

    private static string NeedFor(Random rng) =>
        Pick.Weighted(rng, ("N1", 62), ("N2", 4), ("N3", 4), ("N4", 9), ("N5", 17), ("N8", 4));

    /// <summary>Emergency entries start under police protection (L1) or an emergency protection order (L2)
    /// and move to an interim care order within days.</summary>
    private static string EntryStatus(ChildLife life, DateOnly entry, int c1, int v2, int emergency) =>
        Pick.Weighted(life.Rng, ("C1", c1), ("V2", v2), (Pick.Chance(life.Rng, 0.5) ? "L1" : "L2", emergency));

    private static DateOnly SettleEmergency(ChildLife life, DateOnly entry)
    {
        if (life.LegalStatus is "L1" or "L2")
        {
            var settled = entry.AddDays(Pick.Between(life.Rng, 2, 8));
            life.ChangeLegalStatus(settled, Pick.Weighted(life.Rng, ("C1", 80), ("V2", 20)));
            return settled;
        }
        return entry;
    }

    private static PlacementBody FirstPlacement(ChildLife life, DateOnly entry)
    {
        var age = life.AgeOn(entry);
        var rng = life.Rng;
        return age switch
        {
            < 10 => Pick.Chance(rng, 0.25) ? life.Foster("U3", entry, agency: false) : life.Foster("U6", entry, agency: Pick.Chance(rng, 0.3)),
            < 16 => Pick.Weighted(rng, (0, 55), (1, 25), (2, 20)) switch
            {
                0 => life.Foster("U6", entry, agency: Pick.Chance(rng, 0.45)),
                1 => life.ChildrensHome(),
                _ => life.Foster("U3", entry, agency: false),
            },
            _ => Pick.Weighted(rng, (0, 40), (1, 25), (2, 35)) switch
            {
                0 => life.Foster("U6", entry, agency: Pick.Chance(rng, 0.5)),
                1 => life.ChildrensHome(),
                _ => life.SemiIndependent(entry),
            },
        };
    }

    private static string MoveReason(Random rng, bool behaviour) => behaviour
        ? Pick.Weighted(rng, ("CREQB", 35), ("CHILD", 20), ("ALLEG", 5), ("STAND", 5), ("LAREQ", 10), ("CARPL", 15), ("CLOSE", 5), ("OTHER", 5))
        : Pick.Weighted(rng, ("CARPL", 35), ("CREQO", 15), ("CREQB", 12), ("CHILD", 6), ("LAREQ", 12), ("CLOSE", 6), ("APPRR", 3), ("STAND", 3), ("OTHER", 8));

    /// <summary>A new placement of the kind that suits the child's age on the day.</summary>
    private static PlacementBody NextPlacement(ChildLife life, DateOnly date, bool troubled)
    {
        var age = life.AgeOn(date);
        var rng = life.Rng;
        if (age >= 16 && Pick.Chance(rng, 0.5)) return life.SemiIndependent(date);
        // A secure children's home is another authority's (PR2); other public provision (PR3) cannot provide K1 (903 rule 529).
        if (age >= 11 && Pick.Chance(rng, troubled ? 0.5 : 0.2))
            return troubled && Pick.Chance(rng, 0.05) && life.LegalStatus == "C2"
                ? new PlacementBody("K1", "PR2", Places.Postcode(rng, outOfArea: true), Places.Urn(rng))
                : life.ChildrensHome();
        return life.Foster("U6", date, agency: Pick.Chance(rng, troubled ? 0.6 : 0.35));
    }

    private static void ReturnHome(ChildLife life, DateOnly entry, string home)
    {
        var rng = life.Rng;
        life.Enter(entry, EntryStatus(life, entry, 35, 58, 7), NeedFor(rng), FirstPlacement(life, entry), home);
        var t = SettleEmergency(life, entry);
        if (Pick.Chance(rng, 0.25) && !life.Move(t = t.AddDays(Pick.Between(rng, 30, 120)), NextPlacement(life, t, false), false, MoveReason(rng, false))) return;
        if (Pick.Chance(rng, 0.25)) MaybeHoliday(life, ref t);

        if (life.LegalStatus == "C1" && Pick.Chance(rng, 0.3))
        {
            // Care order, then placed with parents (P1, never under V2), then discharged home.
            if (!life.ChangeLegalStatus(t = t.AddDays(Pick.Between(rng, 150, 300)), "C2")) return;
            var withParents = new PlacementBody("P1", "PR0", home, null);
            if (!life.Move(t = t.AddDays(Pick.Between(rng, 30, 120)), withParents, false, "CARPL")) return;
            life.Cease(t.AddDays(Pick.Between(rng, 120, 270)), "E4A");
        }
        else
        {
            var stay = life.LegalStatus == "V2" ? Pick.Between(rng, 14, 300) : Pick.Between(rng, 60, 420);
            life.Cease(t.AddDays(stay), Pick.Weighted(rng, ("E4A", 55), ("E13", 20), ("E41", 10), ("E4B", 15)));
        }

        // Some children come back into care: a new period of care, longer this time.
        if (!life.InCare && Pick.Chance(rng, 0.15) && life.AgeOn(life.Last) < 16)
            LongTerm(life, life.Last.AddDays(Pick.Between(rng, 60, 300)), home);
    }

    private static void Adoption(ChildLife life, DateOnly entry, string home)
    {
        var rng = life.Rng;
        var fosterToAdopt = Pick.Chance(rng, 0.25);
        var first = fosterToAdopt ? life.Foster("U5", entry, agency: false) : life.Foster("U6", entry, agency: Pick.Chance(rng, 0.25));
        life.Enter(entry, EntryStatus(life, entry, 75, 15, 10), "N1", first, home);
        var t = SettleEmergency(life, entry);
        if (life.LegalStatus == "V2" && !life.ChangeLegalStatus(t = t.AddDays(Pick.Between(rng, 20, 60)), "C1")) return;
        if (!fosterToAdopt && Pick.Chance(rng, 0.2)
            && !life.Move(t = t.AddDays(Pick.Between(rng, 60, 150)), life.Foster("U6", t, agency: false), false, MoveReason(rng, false))) return;
        if (Pick.Chance(rng, 0.2)) MaybeHoliday(life, ref t);

        // A placement order (E1), then placed for adoption: with the foster-to-adopt carers (A5, same carer)
        // or with new adopters (A6), then the adoption order.
        if (!life.ChangeLegalStatus(t = Max(t, entry.AddDays(Pick.Between(rng, 240, 400))), "E1")) return;
        t = t.AddDays(Pick.Between(rng, 30, 150));
        var placed = fosterToAdopt
            ? life.Move(t, life.SameCarer("A5"), true, "CARPL")
            : life.Move(t, new PlacementBody("A6", Pick.Weighted(rng, ("PR1", 70), ("PR5", 30)), Places.Postcode(rng, outOfArea: Pick.Chance(rng, 0.4)), null), false, "CARPL");
        if (!placed) return;
        life.Cease(t.AddDays(Pick.Between(rng, 120, 300)), Pick.Weighted(rng, ("E11", 65), ("E12", 35)));
    }

    private static void SpecialGuardianship(ChildLife life, DateOnly entry, string home)
    {
        var rng = life.Rng;
        var kinship = Pick.Chance(rng, 0.65);
        life.Enter(entry, EntryStatus(life, entry, 80, 20, 0), NeedFor(rng),
            kinship ? life.Foster("U3", entry, agency: false) : life.Foster("U6", entry, agency: false), home);
        var t = entry;
        if (life.LegalStatus == "C1" && Pick.Chance(rng, 0.5) && !life.ChangeLegalStatus(t = t.AddDays(Pick.Between(rng, 180, 300)), "C2")) return;
        if (!kinship && Pick.Chance(rng, 0.3)) MaybeHoliday(life, ref t);
        var order = Max(t.AddDays(30), entry.AddDays(Pick.Between(rng, 270, 700)));
        // SGO to the former foster carers (E45 relatives, E46 others) ends a foster placement (903 rule 516).
        life.Cease(order, kinship ? "E45" : Pick.Weighted(rng, ("E46", 70), ("E47", 30)));
    }

    private static void LongTerm(ChildLife life, DateOnly entry, string home)
    {
        var rng = life.Rng;
        life.Enter(entry, EntryStatus(life, entry, 60, 34, 6), NeedFor(rng), FirstPlacement(life, entry), home);
        var t = SettleEmergency(life, entry);
        // A rocky first year for some: two moves before the child settles.
        if (Pick.Chance(rng, 0.3))
            for (var move = 0; move < 2; move++)
                if (!life.Move(t = t.AddDays(Pick.Between(rng, 40, 150)), NextPlacement(life, t, troubled: false), false, MoveReason(rng, true))) return;
        if (life.LegalStatus == "C1" && !life.ChangeLegalStatus(t = t.AddDays(Pick.Between(rng, 30, 200)), "C2")) return;

        // Matched long-term with the same carers (U6 -> U4, U3 -> U1; RNE T) after about a year.
        if (life.Placement.Type is "U6" or "U3" && Pick.Chance(rng, 0.75)
            && !life.Move(t = Max(t.AddDays(1), entry.AddDays(Pick.Between(rng, 300, 480))), life.SameCarer(life.Placement.Type == "U6" ? "U4" : "U1"), true, "CARPL")) return;

        var sgoFromLongTerm = life.AgeOn(entry) < 8 && Pick.Chance(rng, 0.15);
        while (life.InCare)
        {
            t = t.AddDays(Pick.Between(rng, 300, 1500));
            if (sgoFromLongTerm && life.Placement.Type is "U4" or "U1" && life.AgeOn(t) < 17)
            {
                life.Cease(t, life.Placement.Type == "U1" ? "E45" : "E46");
                return;
            }
            if (Pick.Chance(rng, 0.3) && life.Placement.Type.StartsWith('U')) { MaybeHoliday(life, ref t); continue; }
            var age = life.AgeOn(t);
            var placement = age >= 16 && life.Placement.Type is not ("H5" or "K3") && Pick.Chance(rng, 0.5)
                ? life.SemiIndependent(t)
                : NextPlacement(life, t, troubled: false);
            if (!life.Move(t, placement, false, MoveReason(rng, false))) return;
        }
    }

    private static void Unstable(ChildLife life, DateOnly entry, string home)
    {
        var rng = life.Rng;
        life.Enter(entry, EntryStatus(life, entry, 35, 60, 5), Pick.Weighted(rng, ("N1", 40), ("N5", 30), ("N6", 15), ("N4", 15)), FirstPlacement(life, entry), home);
        var t = SettleEmergency(life, entry);
        var upgraded = false;
        var ending = entry.AddDays(Pick.Between(rng, 400, 1600));
        while (life.InCare)
        {
            t = t.AddDays(Pick.Between(rng, 50, 200));
            if (t >= ending)
            {
                life.Cease(t, Pick.Weighted(rng, ("E4B", 35), ("E13", 35), ("E8", 20), ("E41", 10)));
                return;
            }
            if (!upgraded && life.LegalStatus == "V2" && Pick.Chance(rng, 0.35))
            {
                upgraded = true;
                if (!life.ChangeLegalStatus(t, "C1")) return;
                continue;
            }
            if (life.LegalStatus == "C1" && Pick.Chance(rng, 0.4))
            {
                if (!life.ChangeLegalStatus(t, "C2")) return;
                continue;
            }
            if (!life.Move(t, NextPlacement(life, t, troubled: true), false, MoveReason(rng, true))) return;
        }
    }

    private static void Remand(ChildLife life, DateOnly entry, string home)
    {
        var rng = life.Rng;
        var placement = Pick.Chance(rng, 0.6) ? life.ChildrensHome() : life.Foster("U6", entry, agency: true);
        life.Enter(entry, "J1", "N6", placement, home);
        life.Cease(entry.AddDays(Pick.Between(rng, 20, 100)), Pick.Weighted(rng, ("E14", 60), ("E9", 40)));
    }

    private static void Uasc(ChildLife life, DateOnly entry)
    {
        var rng = life.Rng;
        var placement = life.AgeOn(entry) >= 16 ? life.SemiIndependent(entry) : Pick.Chance(rng, 0.6) ? life.Foster("U6", entry, agency: true) : life.ChildrensHome();
        // No family in the UK: the home postcode is unknown.
        life.Enter(entry, "V2", "N8", placement, null);
        var t = entry.AddDays(Pick.Between(rng, 90, 300));
        if (life.AgeOn(t) >= 16 && life.Placement.Type is not ("H5" or "K3") && !life.Move(t, life.SemiIndependent(t), false, "CARPL")) return;
        if (Pick.Chance(rng, 0.1)) life.Cease(t.AddDays(Pick.Between(rng, 30, 200)), "E15");
        else life.Cease(life.Birthday18, "E5");
    }

    /// <summary>Foster carers' holiday: a week or two in a temporary placement (T3), then home to them.</summary>
    private static void MaybeHoliday(ChildLife life, ref DateOnly t)
    {
        if (!life.Placement.Type.StartsWith('U')) return;
        t = t.AddDays(Pick.Between(life.Rng, 20, 120));
        var days = Pick.Between(life.Rng, 5, 14);
        if (life.Temporary(t, "T3", days)) t = t.AddDays(days);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
