namespace CareTracking.DemoData;

/// <summary>
/// IRO allocations and statutory reviews for each period of care: the IRO allocated within 5 working days of
/// entry for most (a few days, so never more than 5 working days) and late for some; reviews mostly well
/// inside their due dates (first within 20 working days, second within 3 months, then every 6 months) and
/// about one in ten late. Participation is PN0 under 4 (903 rules 440, 441), else a PN1–PN7 mix.
/// </summary>
internal static class ReviewHistory
{
    private static readonly (string Id, string Team)[] Iros =
    [
        ("IRO-01", "IRO North"), ("IRO-02", "IRO North"), ("IRO-03", "IRO North"), ("IRO-04", "IRO North"),
        ("IRO-05", "IRO South"), ("IRO-06", "IRO South"), ("IRO-07", "IRO South"), ("IRO-08", "IRO South"),
    ];

    public static void Add(ChildLife life)
    {
        var rng = life.Rng;
        foreach (var period in life.Periods)
        {
            var iro = Iros[rng.Next(Iros.Length)];
            var allocated = period.Start.AddDays(Pick.Chance(rng, 0.86) ? Pick.Between(rng, 0, 4) : Pick.Between(rng, 8, 20));
            if (allocated < period.End) Allocate(life, allocated, iro);

            var late = Pick.Chance(rng, 0.1);
            var review = period.Start.AddDays(late ? Pick.Between(rng, 32, 45) : Pick.Between(rng, 10, 25));
            var number = 1;
            var nextReallocation = period.Start.AddDays(Pick.Between(rng, 500, 1200));
            while (review < period.End)
            {
                if (review > nextReallocation && Pick.Chance(rng, 0.5))
                {
                    iro = Iros[rng.Next(Iros.Length)];
                    Allocate(life, nextReallocation, iro);
                    nextReallocation = nextReallocation.AddDays(Pick.Between(rng, 500, 1200));
                }
                Review(life, review);
                late = Pick.Chance(rng, number == 1 ? 0.12 : 0.08);
                review = number++ == 1
                    ? review.AddDays(late ? Pick.Between(rng, 95, 115) : Pick.Between(rng, 55, 88))
                    : review.AddDays(late ? Pick.Between(rng, 186, 215) : Pick.Between(rng, 140, 178));
            }
        }
    }

    private static void Allocate(ChildLife life, DateOnly date, (string Id, string Team) iro) =>
        life.Add(DemoService.Reviews, ChildLife.Noon(date), $"/api/children/{life.ChildId}/iro-allocations",
            new IroAllocationBody(date, iro.Id, iro.Team, life.NextId(DemoService.Reviews, "iro")), "IRO allocation");

    private static void Review(ChildLife life, DateOnly date)
    {
        var participation = life.AgeOn(date) < 4 ? "PN0"
            : Pick.Weighted(life.Rng, ("PN1", 38), ("PN2", 10), ("PN3", 16), ("PN4", 14), ("PN5", 10), ("PN6", 6), ("PN7", 6));
        life.Add(DemoService.Reviews, ChildLife.Noon(date), $"/api/children/{life.ChildId}/reviews",
            new ReviewBody(date, participation, life.NextId(DemoService.Reviews, "review")), "review");
    }
}
