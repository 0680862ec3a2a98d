using System.Diagnostics;

namespace CareTracking.Import903.Importing;

/// <summary>
/// Rows done of the total, %, rows per second, elapsed time and the time left at that rate (ETA) on stderr: one line rewritten in place when stderr
/// is a terminal, otherwise a line every <see cref="LineEvery"/> (a log file or CI keeps a readable trail).
/// </summary>
public sealed class ImportProgress(TextWriter output, int total, bool inPlace)
{
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LineEvery = TimeSpan.FromSeconds(10);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private TimeSpan? lastShown;

    public static ImportProgress ForStandardError(int total) => new(Console.Error, total, inPlace: !Console.IsErrorRedirected);

    public static ImportProgress Silent(int total) => new(TextWriter.Null, total, inPlace: false);

    public void Show(int done, bool final = false)
    {
        lock (gate)
        {
            var elapsed = clock.Elapsed;
            if (!final && lastShown is { } shown && elapsed - shown < (inPlace ? RedrawEvery : LineEvery)) return;
            lastShown = elapsed;
            output.Write((inPlace ? "\r" : "") + Describe(done, total, elapsed) + (inPlace && !final ? "" : Environment.NewLine));
            output.Flush();
        }
    }

    public static string Describe(int done, int total, TimeSpan elapsed)
    {
        var percent = total == 0 ? 100 : 100.0 * done / total;
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        // The rate so far, applied to the rows left; none before the first row is done or once all are.
        var eta = done > 0 && done < total && rate > 0 ? $", ETA {TimeSpan.FromSeconds(Math.Ceiling((total - done) / rate)):hh\\:mm\\:ss}" : "";
        return $"import 903: {done}/{total} rows ({percent:0.0}%), {rate:0.0} rows/s, {elapsed:hh\\:mm\\:ss} elapsed{eta}";
    }
}
