using System.Diagnostics;
using System.IO.Compression;
using System.Net;

namespace CareTracking.Import903.Exporting;

/// <summary>What an export wrote: each file with its data rows, and the tables the return does not have yet.</summary>
public sealed record ExportResult(IReadOnlyList<(string File, int Rows)> Files, IReadOnlyList<string> NotProduced);

/// <summary>The service refused the export (its problem details, or the status).</summary>
public sealed class ExportRefused(string message) : Exception(message);

/// <summary>
/// Downloads an authority's 903 return from Indicators (<c>GET /api/returns/903/{year}</c>) and writes its files
/// into a folder, for authorities that script their submission: a progress line on <paramref name="progress"/> as
/// the download arrives and each file is written, then NOT-PRODUCED.txt's tables named, so a script cannot miss
/// that the return is incomplete.
/// </summary>
public static class ReturnExport
{
    public static async Task<ExportResult> RunAsync(HttpClient indicators, int year, string? knownAt, string folder, TextWriter progress, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var path = $"/api/returns/903/{year}" + (knownAt is null ? "" : $"?knownAt={Uri.EscapeDataString(knownAt)}");
        progress.WriteLine($"export 903: requesting the {year - 1}/{year % 100:D2} return from {new Uri(indicators.BaseAddress!, path)}");
        using var response = await indicators.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new ExportRefused($"{(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync(ct)}");

        var total = response.Content.Headers.ContentLength;
        using var zipped = new MemoryStream();
        await using (var body = await response.Content.ReadAsStreamAsync(ct))
        {
            var buffer = new byte[81920];
            var shown = TimeSpan.Zero;
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                zipped.Write(buffer, 0, read);
                // A line a second at most while the download runs, and one when it is done.
                if (clock.Elapsed - shown < TimeSpan.FromSeconds(1)) continue;
                shown = clock.Elapsed;
                Downloaded();
            }
            Downloaded();
        }

        void Downloaded() =>
            progress.WriteLine($"export 903: downloaded {zipped.Length / 1024.0:0.0} KiB" + (total is { } t ? $" of {t / 1024.0:0.0} KiB" : "")
                + $", {clock.Elapsed:hh\\:mm\\:ss} elapsed");

        Directory.CreateDirectory(folder);
        zipped.Position = 0;
        using var zip = new ZipArchive(zipped, ZipArchiveMode.Read);
        var files = new List<(string, int)>();
        var n = 0;
        foreach (var entry in zip.Entries)
        {
            var name = Path.GetFileName(entry.FullName);
            var target = Path.Combine(folder, name);
            entry.ExtractToFile(target, overwrite: true);
            var rows = name.EndsWith(".csv", StringComparison.Ordinal) ? File.ReadLines(target).Count(l => l.Length > 0) - 1 : 0;
            files.Add((name, rows));
            progress.WriteLine($"export 903: {++n}/{zip.Entries.Count} files, wrote {name}" + (name.EndsWith(".csv", StringComparison.Ordinal) ? $" ({rows} rows)" : ""));
        }
        var notProduced = response.Headers.TryGetValues("X-Return-Not-Produced", out var values)
            ? values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList()
            : [];
        return new ExportResult(files, notProduced);
    }
}
