using CareTracking.Import903.Importing;

namespace CareTracking.Import903.Tests;

public class ProgressTests
{
    [Fact]
    public void progress_shows_rows_done_of_total_percent_rate_elapsed_and_the_time_left_at_that_rate() =>
        // 750 rows left at 5 rows/s: 150 s.
        Assert.Equal("import 903: 250/1000 rows (25.0%), 5.0 rows/s, 00:00:50 elapsed, ETA 00:02:30", ImportProgress.Describe(250, 1000, TimeSpan.FromSeconds(50)));

    [Fact]
    public void no_eta_before_the_first_row_or_once_every_row_is_done()
    {
        Assert.EndsWith("elapsed", ImportProgress.Describe(0, 1000, TimeSpan.FromSeconds(3)));
        Assert.EndsWith("elapsed", ImportProgress.Describe(1000, 1000, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void without_a_terminal_progress_is_written_as_whole_lines()
    {
        var output = new StringWriter();
        var progress = new ImportProgress(output, 10, inPlace: false);
        progress.Show(1);
        progress.Show(10, final: true);
        Assert.DoesNotContain("\r", output.ToString());
        Assert.EndsWith($"10/10 rows (100.0%)", output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)[^1].Split(',')[0]);
    }
}
