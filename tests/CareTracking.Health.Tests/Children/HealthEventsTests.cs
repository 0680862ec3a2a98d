using System.Text.RegularExpressions;
using CareTracking.Health.Children;

namespace CareTracking.Health.Tests.Children;

public class HealthEventsTests
{
    [Fact]
    public void every_event_of_the_stream_has_one_versioned_stored_name()
    {
        var types = typeof(HealthEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(HealthEvent)) && !t.IsAbstract).ToList();
        Assert.Equal(types.OrderBy(t => t.Name), HealthEventNames.All.Keys.OrderBy(t => t.Name));
        Assert.All(HealthEventNames.All.Values, name => Assert.Matches(new Regex("^health\\.[a-z-]+\\.v[0-9]+$"), name));
        Assert.Equal(HealthEventNames.All.Count, HealthEventNames.All.Values.Distinct().Count());
    }

    [Fact]
    public void facts_are_kept_in_date_order_whatever_order_they_were_recorded_in()
    {
        var child = HealthChild.Fold(
        [
            new DentalCheckDone(new(2025, 9, 1)),
            new DentalCheckDone(new(2025, 3, 1)),
            new DentalCheckDone(new(2025, 6, 1)),
        ]);
        Assert.Equal([new(2025, 3, 1), new(2025, 6, 1), new DateOnly(2025, 9, 1)], child.DentalChecks);
    }
}
