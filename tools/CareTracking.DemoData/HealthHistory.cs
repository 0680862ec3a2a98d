using CareTracking.CaseSystemClient;

namespace CareTracking.DemoData;

/// <summary>
/// The looked-after-children health team's records for each period of care (docs/health.md), so the dashboard's
/// Health tiles show figures: the initial assessment requested within 2 days of entry for most (later for some),
/// carried out within 20 working days for most; review assessments every 6 months under 5 and 12 months from 5,
/// about one in ten late; immunisations checked at each assessment (mostly up to date); a development check at
/// each assessment under 5; a dental check most years; an SDQ most years from 4 to 16 (a score, or a reason
/// SDQ2/SDQ4/SDQ5); now and then a substance misuse problem from 13 or a conviction from 10. Every date inside
/// the period of care, each kind of fact on a later day than the one before.
/// Drawn from a random of its own (named by the seed and the child), so adding health leaves every other post
/// of the demo as it was.
/// </summary>
internal static class HealthHistory
{
    public static void Add(ChildLife life, int seed)
    {
        var rng = new Random(DemoIds.For(seed, life.ChildId, "health").GetHashCode());
        foreach (var period in life.Periods)
        {
            bool InPeriod(DateOnly date) => date >= period.Start && date < period.End;

            var requested = period.Start.AddDays(Pick.Chance(rng, 0.85) ? Pick.Between(rng, 0, 2) : Pick.Between(rng, 3, 9));
            if (InPeriod(requested))
                Post(life, requested, "health-assessment-requests", id => new HealthAssessmentRequestBody(requested, "initial", id), "initial health assessment requested");

            var assessed = requested.AddDays(Pick.Chance(rng, 0.8) ? Pick.Between(rng, 5, 20) : Pick.Between(rng, 30, 60));
            var kind = "initial";
            DateOnly? lastDental = null, lastSdq = null;
            while (InPeriod(assessed))
            {
                Post(life, assessed, "health-assessments", id => new HealthAssessmentBody(assessed, kind, id), $"{kind} health assessment");
                var upToDate = Pick.Chance(rng, 0.9);
                Post(life, assessed, "immunisations", id => new ImmunisationsBody(assessed, upToDate, id), "immunisations checked");
                if (life.AgeOn(assessed) < 5)
                    Post(life, assessed, "development-checks", id => new DatedBody(assessed, id), "development check");

                var dental = assessed.AddDays(Pick.Between(rng, 7, 60));
                if (InPeriod(dental) && (lastDental is null || dental > lastDental) && Pick.Chance(rng, 0.85))
                {
                    Post(life, dental, "dental-checks", id => new DatedBody(dental, id), "dental check");
                    lastDental = dental;
                }

                var sdq = assessed.AddDays(Pick.Between(rng, 1, 30));
                if (InPeriod(sdq) && life.AgeOn(sdq) is >= 4 and <= 16 && (lastSdq is null || sdq.DayNumber - lastSdq.Value.DayNumber > 300) && Pick.Chance(rng, 0.85))
                {
                    var scored = Pick.Chance(rng, 0.88);
                    var score = scored ? Math.Clamp((int)Math.Round(14 + 6 * Normal(rng)), 0, 40) : (int?)null;
                    var reason = scored ? null : Pick.Weighted(rng, ("SDQ2", 3), ("SDQ4", 4), ("SDQ5", 3));
                    Post(life, sdq, "sdq", id => new SdqBody(sdq, score, reason, id), "SDQ");
                    lastSdq = sdq;
                }

                kind = "review";
                var under5 = life.AgeOn(assessed.AddMonths(6)) < 5;
                var late = Pick.Chance(rng, 0.1);
                assessed = under5
                    ? assessed.AddDays(late ? Pick.Between(rng, 190, 230) : Pick.Between(rng, 140, 178))
                    : assessed.AddDays(late ? Pick.Between(rng, 372, 420) : Pick.Between(rng, 300, 360));
            }

            var misuse = period.Start.AddDays(Pick.Between(rng, 60, 900));
            if (InPeriod(misuse) && life.AgeOn(misuse) >= 13 && Pick.Chance(rng, 0.15))
            {
                var offered = Pick.Chance(rng, 0.9);
                var received = offered && Pick.Chance(rng, 0.7);
                Post(life, misuse, "substance-misuse", id => new SubstanceMisuseBody(misuse, offered, received, id), "substance misuse identified");
            }

            var convicted = period.Start.AddDays(Pick.Between(rng, 90, 1000));
            if (InPeriod(convicted) && life.AgeOn(convicted) >= 10 && Pick.Chance(rng, 0.08))
                Post(life, convicted, "convictions", id => new DatedBody(convicted, id), "conviction or youth caution");
        }
    }

    private static void Post(ChildLife life, DateOnly date, string fact, Func<Guid, object> body, string label) =>
        life.Add(DemoService.Health, ChildLife.Noon(date), $"/api/children/{life.ChildId}/{fact}", body(life.IdFor($"health/{fact}/{date:yyyy-MM-dd}")), label);

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
