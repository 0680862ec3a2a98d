using CareTracking.MissingEpisodes.Children;
using static CareTracking.MissingEpisodes.Tests.Given;

namespace CareTracking.MissingEpisodes.Tests.Children;

/// <summary>docs/measures.md, Repeat-missing threshold: three starts with third minus first ≤ 29 days (30-day window)
/// or ≤ 89 days (90-day window); the threshold fires once per crossing.</summary>
public class RepeatMissingTests
{
    static readonly DateTimeOffset Day0 = new(2025, 1, 6, 14, 0, 0, TimeSpan.Zero);

    static (MissingChild Child, Guid[] Ids) Incidents(params DateTimeOffset[] lastSeen)
    {
        var ids = lastSeen.Select((_, i) => new Guid(i + 1, 0, 0, new byte[8])).ToArray();
        var events = lastSeen.SelectMany<DateTimeOffset, MissingChildEvent>((at, i) =>
            [new EpisodeReportedNoted(ids[i], "M", at, false), new EpisodeReturnedNoted(ids[i], at.AddHours(3))]);
        return (MissingChild.Fold([InCare(), .. events]), ids);
    }

    static bool Crosses(params int[] days)
    {
        var (child, ids) = Incidents(days.Select(d => Day0.AddDays(d)).ToArray());
        return RepeatMissing.IsCrossedBy(child, ids[^1]);
    }

    [Fact]
    public void a_third_incident_29_days_after_the_first_crosses_the_30_day_threshold()
    {
        var (child, _) = Incidents(Day0, Day0.AddDays(10), Day0.AddDays(29));

        Assert.Equal((3, 3), (child.IncidentsInLast(30, Day0.AddDays(29)), child.IncidentsInLast(90, Day0.AddDays(29))));
        Assert.True(Crosses(0, 10, 29));
    }

    [Fact]
    public void a_third_incident_30_days_after_the_first_is_not_within_30_days_but_crosses_the_90_day_threshold()
    {
        var (child, _) = Incidents(Day0, Day0.AddDays(10), Day0.AddDays(30));

        Assert.Equal((2, 3), (child.IncidentsInLast(30, Day0.AddDays(30)), child.IncidentsInLast(90, Day0.AddDays(30))));
        Assert.True(Crosses(0, 10, 30));
    }

    [Fact]
    public void a_third_incident_89_days_after_the_first_crosses_the_90_day_threshold() =>
        Assert.True(Crosses(0, 40, 89));

    [Fact]
    public void a_third_incident_90_days_after_the_first_crosses_no_threshold()
    {
        var (child, _) = Incidents(Day0, Day0.AddDays(40), Day0.AddDays(90));

        Assert.Equal((1, 2), (child.IncidentsInLast(30, Day0.AddDays(90)), child.IncidentsInLast(90, Day0.AddDays(90))));
        Assert.False(Crosses(0, 40, 90));
    }

    [Fact]
    public void two_incidents_cross_no_threshold() => Assert.False(Crosses(0, 1));

    [Fact]
    public void a_fourth_incident_while_still_over_the_threshold_does_not_cross_it_again() =>
        Assert.False(Crosses(0, 5, 10, 15));

    [Fact]
    public void an_incident_that_takes_the_30_day_count_to_three_while_already_over_90_crosses_again()
    {
        // 0, 40, 80: over 90 (not 30). 85: 90-day still over, 30-day has 80 and 85 only. 90: 30-day has 80, 85, 90.
        Assert.False(Crosses(0, 40, 80, 85));
        Assert.True(Crosses(0, 40, 80, 85, 90));
    }

    [Fact]
    public void a_child_who_drops_below_the_threshold_and_climbs_back_crosses_again()
    {
        // 0, 10, 20 crosses 30 and 90; 200, 210 are far below; 220 makes three within 30 and within 90 again.
        Assert.True(Crosses(0, 10, 20, 200, 210, 220));
    }

    [Fact]
    public void windows_are_counted_on_uk_local_dates()
    {
        // 23:30 UTC on 1 June 2025 is 2 June in the UK; 1 July minus 2 June is 29 days (30 on UTC dates).
        var first = new DateTimeOffset(2025, 6, 1, 23, 30, 0, TimeSpan.Zero);
        var (child, ids) = Incidents(first, first.AddDays(10), new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.True(RepeatMissing.IsCrossedBy(child, ids[2]));
        Assert.Equal(3, child.IncidentsInLast(30, new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void reports_awaiting_care_confirmation_are_not_counted()
    {
        var child = MissingChild.Fold([
            new EpisodeReportedNoted(Guid.NewGuid(), "M", Day0, true),
            new EpisodeReportedNoted(Guid.NewGuid(), "M", Day0.AddDays(1), true),
        ]);

        Assert.Equal(0, child.IncidentsInLast(30, Day0.AddDays(2)));
    }

    [Fact]
    public void away_incidents_count_towards_the_threshold_as_the_police_hear_of_them_too()
    {
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var child = MissingChild.Fold([
            InCare(),
            new EpisodeReportedNoted(ids[0], "A", Day0, false), new EpisodeReturnedNoted(ids[0], Day0.AddHours(2)),
            new EpisodeReportedNoted(ids[1], "M", Day0.AddDays(3), false), new EpisodeReturnedNoted(ids[1], Day0.AddDays(3).AddHours(2)),
            new EpisodeReportedNoted(ids[2], "A", Day0.AddDays(6), false),
        ]);

        Assert.True(RepeatMissing.IsCrossedBy(child, ids[2]));
    }
}
