using CareTracking.Ssda903.Codes;

namespace CareTracking.Ssda903.Tests.Codes;

public class CollectionYearTests
{
    [Theory]
    [InlineData("2024-04-01", 2024)]
    [InlineData("2025-03-31", 2024)]
    [InlineData("2025-04-01", 2025)]
    [InlineData("2025-01-15", 2024)]
    public void a_date_belongs_to_the_year_that_began_on_the_previous_1_april(string date, int startYear) =>
        Assert.Equal(new CollectionYear(startYear), CollectionYear.Of(DateOnly.Parse(date)));

    [Fact]
    public void a_year_runs_from_1_april_to_31_march()
    {
        var year = new CollectionYear(2024);

        Assert.Equal(new DateOnly(2024, 4, 1), year.FirstDay);
        Assert.Equal(new DateOnly(2025, 3, 31), year.LastDay);
    }

    [Theory]
    [InlineData(2024, "2024/25")]
    [InlineData(2099, "2099/00")]
    public void a_year_is_named_as_the_guide_names_it(int startYear, string name) =>
        Assert.Equal(name, new CollectionYear(startYear).ToString());
}
