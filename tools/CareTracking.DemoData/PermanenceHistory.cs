namespace CareTracking.DemoData;

/// <summary>
/// The adoption plans and social workers of a synthetic child, posted to Placements beside the care history:
/// an adoption journey's decision (between entry and the placement order) and match (between the order and the
/// placement for adoption; with the foster carers when the child is placed A5), some younger children's
/// decisions reversed (RD1–RD4) when the plan changed to special guardianship or long-term care, and a social
/// worker from each entry into care who changes every 4 to 13 months, the episode ending with the period.
/// Its random numbers come from the child's own id, so the rest of the cohort is the same with or without it.
/// </summary>
internal static class PermanenceHistory
{
    private static readonly string[] ChangeReasons = ["LEFTRL", "MANAGE", "ORGRST", "TSPROC", "ABSENC", "CHCHAN", "OTHERS"];

    public static void Add(ChildLife life)
    {
        var rng = new Random(BitConverter.ToInt32(life.IdFor("permanence").ToByteArray(), 0));
        var placements = life.Posts.Where(p => p.Service == DemoService.Placements).ToList();
        foreach (var period in life.Periods)
        {
            var inPeriod = placements.Where(p => DateOf(p) is { } d && d >= period.Start && d <= period.End).ToList();
            Adoption(life, rng, period, inPeriod);
            SocialWorkers(life, rng, period);
        }
    }

    private static DateOnly? DateOf(DemoPost post) => post.Body switch
    {
        EnteredCareBody b => b.Date,
        LegalStatusChangeBody b => b.Date,
        PlacementMoveBody b => b.Date,
        CeasedCareBody b => b.Date,
        _ => null,
    };

    private static void Adoption(ChildLife life, Random rng, PlannedPeriod period, List<DemoPost> posts)
    {
        var order = posts.Select(p => p.Body).OfType<LegalStatusChangeBody>().FirstOrDefault(b => b.LegalStatus == "E1")?.Date;
        var placed = posts.Select(p => p.Body).OfType<PlacementMoveBody>().FirstOrDefault(b => b.Placement.Type is "A5" or "A6");
        if (order is { } e1 && placed is not null && e1 > period.Start.AddDays(2))
        {
            var decided = period.Start.AddDays((e1.DayNumber - period.Start.DayNumber) / 2);
            Post(life, decided, "adoption-decisions", new AdoptionDecisionBody(decided, life.IdFor($"adoption-decision/{period.Start}")), "adoption decision");
            var matched = e1.AddDays(Math.Max(1, (placed.Date.DayNumber - e1.DayNumber) / 2));
            var sex = Pick.Weighted(rng, ("MF", 80), ("FF", 10), ("MM", 10));
            if (matched < placed.Date)
                Post(life, matched, "adoption-matches", new AdoptionMatchBody(matched, 2, sex, sex == "MF" ? "L11" : "L12",
                    FormerFosterCarers: placed.Placement.Type == "A5", life.IdFor($"adoption-match/{period.Start}")), "adoption match");
            return;
        }

        // A younger child whose plan for adoption changed: the decision is reversed months later.
        if (life.AgeOn(period.Start) < 5 && period.End.DayNumber - period.Start.DayNumber > 400 && Pick.Chance(rng, 0.3))
        {
            var decided = period.Start.AddDays(Pick.Between(rng, 90, 150));
            var reversed = decided.AddDays(Pick.Between(rng, 60, 200));
            Post(life, decided, "adoption-decisions", new AdoptionDecisionBody(decided, life.IdFor($"adoption-decision/{period.Start}")), "adoption decision");
            var reason = Pick.Weighted(rng, ("RD1", 30), ("RD2", 30), ("RD3", 25), ("RD4", 15));
            Post(life, reversed, "adoption-decision-reversals",
                new AdoptionDecisionReversalBody(reversed, reason, life.IdFor($"adoption-reversal/{period.Start}")), $"adoption decision reversed {reason}");
        }
    }

    private static void SocialWorkers(ChildLife life, Random rng, PlannedPeriod period)
    {
        var from = period.Start;
        var reason = "FCONTA";
        var n = 0;
        while (from < period.End)
        {
            var id = Pick.Chance(rng, 0.1) ? $"XX{rng.Next(1000, 10000)}" : $"SW{rng.Next(100000, 1000000)}";
            Post(life, from, "social-workers", new SocialWorkerBody(from, id, reason, life.IdFor($"social-worker/{period.Start}/{n++}")), $"social worker {reason}");
            from = from.AddDays(Pick.Between(rng, 120, 400));
            reason = ChangeReasons[rng.Next(ChangeReasons.Length)];
        }
        Post(life, period.End, "social-workers/end", new SocialWorkerEndBody(period.End, "OTHERS", life.IdFor($"social-worker-end/{period.Start}")), "social worker episode ended");
    }

    private static void Post(ChildLife life, DateOnly date, string endpoint, object body, string label) =>
        life.Add(DemoService.Placements, ChildLife.Noon(date), $"/api/children/{life.ChildId}/{endpoint}", body, label);
}
