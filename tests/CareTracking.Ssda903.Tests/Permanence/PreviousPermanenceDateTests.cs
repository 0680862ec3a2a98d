using CareTracking.Ssda903.Permanence;

namespace CareTracking.Ssda903.Tests.Permanence;

public class PreviousPermanenceDateTests
{
    [Theory]
    [InlineData("2019-05-03", "03/05/2019")]
    [InlineData("2019-05", "zz/05/2019")]
    [InlineData("2019", "zz/zz/2019")]
    [InlineData(null, "")]
    public void a_held_date_is_written_as_precisely_as_it_is_known(string? held, string cell) =>
        Assert.Equal(cell, PreviousPermanenceDate.ToCell(held));

    [Theory]
    [InlineData("03/05/2019", "2019-05-03")]
    [InlineData("3/5/2019", "2019-05-03")]
    [InlineData("zz/05/2019", "2019-05")]
    [InlineData("ZZ/ZZ/2019", "2019")]
    public void a_cell_reads_back_to_the_held_date(string cell, string held) =>
        Assert.Equal(held, PreviousPermanenceDate.FromCell(cell));

    [Theory]
    [InlineData("")]
    [InlineData("2019-05-03")]
    [InlineData("31/02/2019")]
    [InlineData("03/zz/2019")]
    [InlineData("zz/13/2019")]
    [InlineData("zz/zz/19")]
    public void a_cell_of_no_known_shape_is_not_read(string cell) =>
        Assert.Null(PreviousPermanenceDate.FromCell(cell));
}
