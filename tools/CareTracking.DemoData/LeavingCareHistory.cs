namespace CareTracking.DemoData;

/// <summary>
/// Leaving-care histories for the young people the demo's care histories make care leavers, posted only on days
/// the Leaving-care service sees them as one: those whose last period of care ran to the 18th birthday after at
/// least 120 days in care since the 14th (eligible from the later of the 16th birthday and 100 days in, former
/// relevant from 18), and those who left care at 16 or 17 after as long (relevant, then former relevant), unless
/// that period ended in adoption, death or a transfer. Each gets a personal adviser (a few change at 19),
/// pathway plan reviews about every six months, and contacts about every two to four months with one near each
/// birthday from the 17th to the 21st (the OC3 rows): mostly in touch, with a mix of education, training,
/// employment and NEET, and of accommodation, mostly suitable. Most who stayed with foster carers at 18 (REC E17)
/// stay put for a while (accommodation Z1); some others live in supported lodgings (E1). All stops a few
/// weeks after the 21st birthday. A random stream of its own, so the other services' histories are unchanged.
/// </summary>
internal static class LeavingCareHistory
{
    private const int DaysInCareNeeded = 120;
    private const int EligibleAfterDays = 100;
    private static readonly string[] NoStatusEndings = ["E11", "E12", "E2", "E3"];
    private static readonly string[] Advisers = ["PA-01", "PA-02", "PA-03", "PA-04", "PA-05", "PA-06"];

    public static void Add(ChildLife life)
    {
        if (life.Periods.Count == 0) return;
        var born = life.Child.DateOfBirth;
        var (b14, b16, b18, b21) = (born.AddYears(14), born.AddYears(16), born.AddYears(18), born.AddYears(21));
        var last = life.Periods[^1];
        var counted = last.Start > b14 ? last.Start : b14;
        var reason = ReasonEnded(life, last.End);

        DateOnly from;
        bool stayedAt18;
        if (last.End >= b18 && last.Start < b18 && b18.DayNumber - counted.DayNumber >= DaysInCareNeeded)
        {
            var eligible = counted.AddDays(EligibleAfterDays);
            from = eligible > b16 ? eligible : b16;
            stayedAt18 = reason == "E17";
        }
        else if (last.End > b16 && last.End < b18 && last.End.DayNumber - counted.DayNumber >= DaysInCareNeeded && !NoStatusEndings.Contains(reason))
        {
            from = last.End;
            stayedAt18 = false;
        }
        else return;

        var rng = new Random(life.IdFor("leaving-care").GetHashCode());
        var until = b21.AddDays(Pick.Between(rng, 20, 60));
        var left = last.End < b18 ? last.End : b18;

        var adviser = Advisers[rng.Next(Advisers.Length)];
        Post(life, from.AddDays(Pick.Between(rng, 0, 20)), "/personal-adviser", d => new PersonalAdviserBody(d, adviser, life.IdFor("leaving-care/adviser/1")), "personal adviser");
        if (Pick.Chance(rng, 0.25))
        {
            var next = Advisers[rng.Next(Advisers.Length)];
            Post(life, born.AddYears(19).AddDays(Pick.Between(rng, 0, 60)), "/personal-adviser", d => new PersonalAdviserBody(d, next, life.IdFor("leaving-care/adviser/2")), "personal adviser changed");
        }

        for (var (review, n) = (from.AddDays(Pick.Between(rng, 20, 60)), 1); review < until; review = review.AddDays(Pick.Between(rng, 150, 200)), n++)
        {
            var id = life.IdFor($"leaving-care/pathway-plan/{n}");
            Post(life, review, "/pathway-plan-reviews", d => new PathwayPlanReviewBody(d, id), "pathway plan review");
        }

        // Staying put from the 18th birthday for most who stayed with their foster carers; else sometimes
        // supported lodgings from leaving care. Each is posted open, then again with its end when it ends.
        (DateOnly From, DateOnly To)? stayingPut = stayedAt18 && Pick.Chance(rng, 0.8) ? (b18, b18.AddDays(Pick.Between(rng, 180, 1000))) : null;
        (DateOnly From, DateOnly To)? lodgings = null;
        if (stayingPut is null && Pick.Chance(rng, 0.2))
        {
            var start = Later(left.AddDays(Pick.Between(rng, 5, 40)), from);
            lodgings = (start, start.AddDays(Pick.Between(rng, 120, 500)));
        }
        if (stayingPut is { } sp) Arrangement(life, "staying-put", sp);
        if (lodgings is { } sl) Arrangement(life, "supported-lodgings", sl);

        // Contacts: one near each birthday from the 17th (within the 903 window: 3 months before to 1 month after),
        // and others between, never before the young person is a care leaver, nor in care (their OC3 row is
        // only for those who have left).
        var dates = new SortedSet<DateOnly>();
        for (var age = 17; age <= 21; age++)
        {
            var near = born.AddYears(age).AddDays(Pick.Between(rng, -80, 28));
            if (Pick.Chance(rng, 0.9)) dates.Add(near);
        }
        for (var day = left.AddDays(Pick.Between(rng, 5, 40)); day < until; day = day.AddDays(Pick.Between(rng, 60, 120)))
            dates.Add(day);
        var n2 = 0;
        foreach (var date in dates.Where(d => d >= from && d >= left && d < until))
        {
            var id = life.IdFor($"leaving-care/contact/{++n2}");
            var accommodation = stayingPut is { } s && date >= s.From && date < s.To ? "Z1"
                : lodgings is { } g && date >= g.From && date < g.To ? "E1"
                : Accommodation(rng);
            var contact = Contact(rng, life.AgeOn(date), accommodation);
            Post(life, date, "/contacts", d => new CareLeaverContactBody(d, contact.InTouch, contact.Activity, contact.Accommodation, id), "contact");
        }
    }

    private static (string InTouch, string Activity, string Accommodation) Contact(Random rng, int age, string accommodation)
    {
        var inTouch = Pick.Weighted(rng, ("YES", 90), ("NO", 4), ("REFU", 2), ("NREQ", 2), ("RHOM", 2));
        if (inTouch != "YES") return (inTouch, "0", "0");
        var activity = age < 18
            ? Pick.Weighted(rng, ("F2", 35), ("P2", 5), ("F4", 10), ("F5", 8), ("P5", 5), ("G4", 5), ("G5", 27), ("G6", 5))
            : Pick.Weighted(rng, ("F1", 12), ("P1", 3), ("F2", 15), ("F4", 8), ("P4", 2), ("F5", 15), ("P5", 10), ("G4", 8), ("G5", 21), ("G6", 6));
        return (inTouch, activity, accommodation);
    }

    private static string Accommodation(Random rng) =>
        Pick.Weighted(rng, ("U1", 30), ("D1", 20), ("B1", 12), ("K1", 5), ("T1", 4), ("Y1", 2),
            ("U2", 3), ("D2", 3), ("B2", 3), ("V2", 2), ("W2", 2), ("S2", 2), ("X2", 2));

    private static void Arrangement(ChildLife life, string kind, (DateOnly From, DateOnly To) dates)
    {
        var open = life.IdFor($"leaving-care/{kind}/{dates.From:yyyy-MM-dd}");
        var ended = life.IdFor($"leaving-care/{kind}/{dates.From:yyyy-MM-dd}/end");
        Post(life, dates.From, $"/{kind}", d => new ArrangementBody(d, null, open), kind);
        Post(life, dates.To, $"/{kind}", _ => new ArrangementBody(dates.From, dates.To, ended), $"{kind} ended");
    }

    private static void Post(ChildLife life, DateOnly date, string path, Func<DateOnly, object> body, string label) =>
        life.Add(DemoService.LeavingCare, ChildLife.Noon(date), $"/api/care-leavers/{life.ChildId}{path}", body(date), label);

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string ReasonEnded(ChildLife life, DateOnly end) =>
        life.Posts.Select(p => p.Body).OfType<CeasedCareBody>().LastOrDefault(b => b.Date == end)?.Reason ?? "";
}
