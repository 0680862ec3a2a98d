namespace CareTracking.DemoData;

/// <summary>
/// Missing (M) and away (A) episodes of children aged 10 or over while looked after, one at a time: the
/// report, the return and, for most, the independent return interview (offered within 72 hours of the
/// return for most, late for some, never recorded for a few). Children with unstable placements go missing
/// often and sometimes three times within a month (the police repeat threshold). Instants are kept between
/// 07:00 and 22:00 UTC so their UK date is the UTC date.
/// </summary>
internal static class MissingHistory
{
    private const int FromAge = 10;

    public static void Add(ChildLife life, double perYear, bool clusters)
    {
        var rng = life.Rng;
        var episodes = 0;
        foreach (var period in life.Periods)
        {
            var from = period.Start.AddDays(3);
            var tenth = life.Child.DateOfBirth.AddYears(FromAge);
            if (tenth > from) from = tenth;
            var last = period.End.AddDays(-10);
            var day = from;
            while (true)
            {
                var gap = clusters && Pick.Chance(rng, 0.3) ? Pick.Between(rng, 2, 9) : (int)(-Math.Log(1 - rng.NextDouble()) * 365 / perYear);
                day = day.AddDays(gap);
                if (day >= last) break;
                var returned = Episode(life, ++episodes, day, clusters);
                day = DateOnly.FromDateTime(returned.UtcDateTime).AddDays(1);
            }
        }
    }

    private static DateTimeOffset Episode(ChildLife life, int number, DateOnly day, bool troubled)
    {
        var rng = life.Rng;
        var episodeId = life.IdFor($"missing-episode/{number}");
        var lastSeen = new DateTimeOffset(day.ToDateTime(new TimeOnly(Pick.Between(rng, 7, 20), rng.Next(60))), TimeSpan.Zero);
        var kind = Pick.Chance(rng, troubled ? 0.8 : 0.7) ? "M" : "A";
        var reported = lastSeen.AddMinutes(Pick.Between(rng, 30, 240));
        var criminal = troubled && Pick.Chance(rng, 0.15);
        var sexual = !criminal && troubled && Pick.Chance(rng, 0.08);
        var risk = Pick.Weighted(rng, ("low", 15), ("medium", 68), ("high", 17));
        var report = new MissingReportBody(life.ChildId, kind, lastSeen, reported, risk, new ExploitationRiskBody(criminal, sexual), episodeId,
            kind == "M" ? $"DP-{day.Year}-{rng.Next(10000, 100000)}" : null,
            sexual && risk != "high" ? "Known to return to a safe friend's home; assessed by the duty inspector." : null,
            life.NextId(DemoService.Missing, "report"));
        life.Add(DemoService.Missing, reported, "/api/missing-episodes", report, kind == "M" ? "missing report" : "away report");

        var hours = Pick.Weighted(rng, (Pick.Between(rng, 2, 12), 40), (Pick.Between(rng, 12, 24), 30), (Pick.Between(rng, 24, 72), 20), (Pick.Between(rng, 72, 180), 10));
        var away = lastSeen.AddHours(hours).AddMinutes(rng.Next(60));
        // Found after the report was made: the return is posted after it.
        var returned = KeepInDaytime(away > reported ? away : reported.AddMinutes(20));
        life.Add(DemoService.Missing, returned, $"/api/missing-episodes/{episodeId}/return",
            new ReturnBody(returned, Pick.Weighted(rng, ("DE", 70), ("NG", 15), ((string?)null, 15)), life.NextId(DemoService.Missing, "return")), "return");

        var interview = Pick.Weighted(rng, ("in-time", kind == "M" ? 76 : 55), ("late", 14), ("none", kind == "M" ? 10 : 31));
        if (interview == "none") return returned;
        var offered = KeepInDaytime(returned.AddHours(interview == "in-time" ? Pick.Between(rng, 4, 60) : Pick.Between(rng, 80, 200)));
        Interview(life, episodeId, "offered", offered);
        var outcome = Pick.Weighted(rng, ("completed", 58), ("declined", 28), ("pending", 14));
        if (outcome == "completed")
        {
            var accepted = offered.AddMinutes(Pick.Between(rng, 5, 120));
            Interview(life, episodeId, "accepted", accepted);
            Interview(life, episodeId, "completed", KeepInDaytime(accepted.AddHours(Pick.Between(rng, 2, 48))));
        }
        else if (outcome == "declined")
        {
            Interview(life, episodeId, "declined", offered.AddMinutes(Pick.Between(rng, 5, 600)));
        }
        return returned;
    }

    private static void Interview(ChildLife life, Guid episodeId, string outcome, DateTimeOffset at) =>
        life.Add(DemoService.Missing, at, $"/api/missing-episodes/{episodeId}/return-interview",
            new ReturnInterviewBody(outcome, at, life.NextId(DemoService.Missing, $"interview-{outcome}")), $"return interview {outcome}");

    /// <summary>Moves a night-time instant to 07:00 UTC the next morning, so the UK date equals the UTC date.</summary>
    private static DateTimeOffset KeepInDaytime(DateTimeOffset at) =>
        at.Hour is >= 7 and < 22 ? at : new DateTimeOffset(DateOnly.FromDateTime(at.UtcDateTime).AddDays(at.Hour >= 22 ? 1 : 0).ToDateTime(new TimeOnly(7, at.Minute)), TimeSpan.Zero);
}
