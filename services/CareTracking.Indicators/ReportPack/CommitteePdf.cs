using System.Globalization;
using System.Text.RegularExpressions;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Comparisons;
using CareTracking.Indicators.Exports;
using CareTracking.Indicators.Measures;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace CareTracking.Indicators.ReportPack;

/// <summary>
/// What the committee PDF is made from: the report of the window, the reports of the four years before it (for the
/// trends and the year-on-year change), all as known at one instant, the comparisons, and the officer's narrative.
/// </summary>
public sealed record CommitteePdfInput(
    string Authority, CommitteeResponse Report, IReadOnlyList<CommitteeResponse> EarlierYears, ComparisonReport Comparison, string? Narrative);

/// <summary>
/// The committee report as a printable A4 PDF (PDFsharp): the title and the instant it is known at, the officer's
/// narrative (or a ruled space to write one), the headline figures, the trends beside England and the comparator, the
/// comparisons, then placement, missing, reviews, health, care leavers and adoption, and the counting rules in force.
/// A PDF is a file that leaves the service, so small numbers are withheld as <c>c</c> as in every file
/// (<see cref="SmallNumbers"/>, with each year's own secondary suppression). Pure apart from the font it registers.
/// </summary>
public static class CommitteePdf
{
    public const string ContentType = "application/pdf";

    // First: the font is registered before the fonts below are made (static fields are set in the order written).
    private static readonly bool FontsRegistered = CommitteeFonts.Register();
    private const double Margin = 50;
    private const double LineGap = 3;
    private static readonly XFont Title = new(CommitteeFonts.Family, 18, XFontStyleEx.Bold);
    private static readonly XFont Heading = new(CommitteeFonts.Family, 13, XFontStyleEx.Bold);
    private static readonly XFont Subheading = new(CommitteeFonts.Family, 10, XFontStyleEx.Bold);
    private static readonly XFont Body = new(CommitteeFonts.Family, 9, XFontStyleEx.Regular);
    private static readonly XFont Small = new(CommitteeFonts.Family, 7.5, XFontStyleEx.Regular);
    private static readonly XFont Bold = new(CommitteeFonts.Family, 9, XFontStyleEx.Bold);
    private static readonly XColor Ink = XColor.FromArgb(0x0b, 0x0c, 0x0c);
    private static readonly XColor Rule = XColor.FromArgb(0xb1, 0xb4, 0xb6);
    private static readonly XColor Shade = XColor.FromArgb(0xf3, 0xf2, 0xf1);

    public static byte[] Write(CommitteePdfInput input)
    {
        var report = input.Report;
        using var document = new PdfDocument();
        document.Info.Title = $"Corporate Parenting Committee: children looked after, {input.Authority}, as at {Day(report.AsAt)}";
        document.Info.Author = "CareTracking indicators";
        var page = new Pager(document);

        page.Text("Corporate Parenting Committee", Subheading);
        page.Text("Children looked after: performance indicators", Title);
        page.Text($"Authority {input.Authority}. The 12 months from {Day(report.From)} to {Day(report.To)}; figures at a day are as at {Day(report.AsAt)}.", Body);
        page.Text(report.KnownAt is { } k
            ? $"As known at {Instant(k)}: only what had been recorded by then, so this report can be made again with the same figures."
            : "As recorded when this report was made (everything recorded so far).", Body);
        page.Text("Counts of 1 and 2, and any figure worked out from one, are withheld and printed as c (as the DfE does); "
            + "so is the next smallest group where one withheld group could be worked out from a total.", Small);

        page.Section("Officer's narrative");
        if (string.IsNullOrWhiteSpace(input.Narrative)) page.WritingSpace(170);
        else foreach (var paragraph in input.Narrative.ReplaceLineEndings("\n").Split('\n')) page.Text(paragraph, Body);

        var years = input.EarlierYears.Append(report).ToList();
        var previous = input.EarlierYears.Count > 0 ? input.EarlierYears[^1] : null;

        page.Section("Headline figures");
        page.Table([0.44, 0.14, 0.14, 0.14, 0.14], ["Figure", Year(report), previous is null ? "Year before" : Year(previous), "Change", "England"],
            CommitteePdfSections.Headlines.Select(f => (IReadOnlyList<string>)
                [f.Label, Figure(report, f.Key), previous is null ? "–" : Figure(previous, f.Key), Change(f.Key, report, previous), National(report, f.Key)]));

        page.Section("Trends, with England and the comparator");
        page.Text("Each year to the same day, as known at the same instant. The comparator is the statistical neighbours' mean "
            + "where the DfE releases are loaded, otherwise the benchmark uploaded.", Small);
        foreach (var trend in CommitteePdfSections.Trends.Where(t => report.Measures.ContainsKey(t.Key)))
        {
            page.Subsection(trend.Label);
            page.Table([0.31, 0.23, 0.23, 0.23], ["", "Ours", "England", "Comparator"],
                years.Select(y => (IReadOnlyList<string>)[Day(y.AsAt), Figure(y, trend.Key), National(y, trend.Key), Comparator(y, trend.Key)]));
        }

        page.Section("Comparisons and targets");
        var comparison = input.Comparison;
        if (comparison.Rows.Count == 0)
            page.Text("No published figures or targets are loaded for this year.", Body);
        else
        {
            page.Text($"England, the region{(comparison.Region is null ? "" : $" ({comparison.Region})")} and the statistical neighbours as the DfE "
                + "had published them by the instant above (a set is the mean of its members' figures, with how many had one).", Small);
            var withheld = report.Withheld.ToHashSet(StringComparer.Ordinal);
            page.Table([0.3, 0.1, 0.12, 0.14, 0.14, 0.1, 0.1], ["Figure", "Ours", "England", "Region", "Neighbours", "Target", "Met"],
                comparison.Rows.Select(r => (IReadOnlyList<string>)
                [
                    CommitteePdfSections.LabelOf(r.Measure),
                    withheld.Contains(r.Measure) ? SmallNumbers.Symbol : Format(r.Measure, r.Value),
                    r.England is { } e ? $"{Format(r.Measure, e.Value)} ({e.Year})" : "–",
                    Set(r.Measure, r.Region), Set(r.Measure, r.Neighbours),
                    Format(r.Measure, r.Target),
                    withheld.Contains(r.Measure) ? SmallNumbers.Symbol : r.Met is null ? "–" : r.Met.Value ? "met" : "not met",
                ]));
        }

        foreach (var section in CommitteePdfSections.Sections)
        {
            var figures = section.Figures.Where(f => report.Measures.ContainsKey(f.Key)).ToList();
            if (figures.Count == 0) continue;
            page.Section(section.Title);
            page.Table([0.44, 0.12, 0.16, 0.14, 0.14], ["Figure", Year(report), "Of", previous is null ? "Year before" : Year(previous), "England"],
                figures.Select(f => (IReadOnlyList<string>)
                    [f.Label, Figure(report, f.Key), OutOf(report, f.Key), previous is null ? "–" : Figure(previous, f.Key), National(report, f.Key)]));
        }

        page.Section("Counting rules in force");
        foreach (var rule in report.Switches) page.Text("• " + rule, Body);

        page.Footers(input.Authority, report);
        using var buffer = new MemoryStream();
        document.Save(buffer, false);
        return buffer.ToArray();
    }

    // ---- figures, as the dashboard prints them (wwwroot/dashboard.js formatValue) ------------------------------

    private static readonly Regex PercentFamily = new(@"Pct$|^(placementMix|fosteringByProvider|ceasedByReason|participation|missingDuration|placementMovesByReason)\.", RegexOptions.CultureInvariant);

    private static bool IsPercent(string key) => PercentFamily.IsMatch(key);

    private static bool IsRate(string key) => key is "ratePer10k" or "sdqAverage" || key.StartsWith("incidentsPer", StringComparison.Ordinal);

    public static string Format(string key, decimal? value) => value switch
    {
        null => "–",
        { } v when IsPercent(key) => v.ToString("0.0", CultureInfo.InvariantCulture) + "%",
        { } v when IsRate(key) => v.ToString("0.0", CultureInfo.InvariantCulture),
        { } v => v.ToString("#,0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>A measure of a report as it may be published: <c>c</c> when the report withholds it.</summary>
    private static string Figure(CommitteeResponse report, string key) =>
        !report.Measures.TryGetValue(key, out var m) ? "–" : report.Withheld.Contains(key) ? SmallNumbers.Symbol : Format(key, m.Value);

    private static string OutOf(CommitteeResponse report, string key) =>
        !report.Measures.TryGetValue(key, out var m) || m.Denominator is null ? ""
        : report.Withheld.Contains(key) ? $"{SmallNumbers.Symbol} of {SmallNumbers.Symbol}"
        : $"{m.Numerator?.ToString("#,0", CultureInfo.InvariantCulture)} of {m.Denominator.Value.ToString("#,0", CultureInfo.InvariantCulture)}";

    private static string Change(string key, CommitteeResponse now, CommitteeResponse? before)
    {
        if (before is null || now.Withheld.Contains(key) || before.Withheld.Contains(key)) return before is null ? "–" : SmallNumbers.Symbol;
        if (now.Measures.GetValueOrDefault(key)?.Value is not { } a || before.Measures.GetValueOrDefault(key)?.Value is not { } b) return "–";
        var diff = Math.Round(a - b, 1, MidpointRounding.AwayFromZero);
        var sign = diff > 0 ? "+" : diff < 0 ? "−" : "±";
        var size = Math.Abs(diff);
        return IsPercent(key) ? $"{sign}{size.ToString("0.0", CultureInfo.InvariantCulture)} points"
            : IsRate(key) ? $"{sign}{size.ToString("0.0", CultureInfo.InvariantCulture)}"
            : $"{sign}{size.ToString("#,0.#", CultureInfo.InvariantCulture)}";
    }

    private static string National(CommitteeResponse report, string key) => Format(key, report.Benchmarks.GetValueOrDefault(key)?.National);

    private static string Comparator(CommitteeResponse report, string key) => Format(key, report.Benchmarks.GetValueOrDefault(key)?.Comparator);

    private static string Set(string key, SetValue? set) =>
        set is { Value: { } v } ? $"{Format(key, v)} ({set.MembersWithFigure} of {set.Members})" : "–";

    private static string Year(CommitteeResponse report) => report.AsAt.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Lays text and tables down A4 pages, starting a new page when the next line or row would not fit.</summary>
    private sealed class Pager
    {
        private readonly PdfDocument document;
        private XGraphics graphics = null!;
        private double y;
        private double Width => PageWidth - 2 * Margin;
        private double PageWidth => document.Pages[^1].Width.Point;
        private double Bottom => document.Pages[^1].Height.Point - Margin - 20;

        public Pager(PdfDocument document)
        {
            this.document = document;
            NewPage();
        }

        private void NewPage()
        {
            graphics?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            graphics = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        private void Room(double height)
        {
            if (y + height > Bottom) NewPage();
        }

        private static double LineHeight(XFont font) => font.Size * 1.25 + LineGap;

        /// <summary>A paragraph, wrapped to the width.</summary>
        public void Text(string text, XFont font)
        {
            var lines = Wrap(text, font, Width);
            foreach (var line in lines.Count == 0 ? [""] : lines)
            {
                Room(LineHeight(font));
                graphics.DrawString(line, font, new XSolidBrush(Ink), Margin, y, XStringFormats.TopLeft);
                y += LineHeight(font);
            }
        }

        public void Section(string title)
        {
            Room(LineHeight(Heading) * 2 + LineHeight(Body) * 3);
            y += 10;
            graphics.DrawString(title, Heading, new XSolidBrush(Ink), Margin, y, XStringFormats.TopLeft);
            y += LineHeight(Heading);
            graphics.DrawLine(new XPen(Rule, 0.75), Margin, y, Margin + Width, y);
            y += 4;
        }

        public void Subsection(string title)
        {
            Room(LineHeight(Subheading) + LineHeight(Body) * 3);
            y += 4;
            graphics.DrawString(title, Subheading, new XSolidBrush(Ink), Margin, y, XStringFormats.TopLeft);
            y += LineHeight(Subheading);
        }

        /// <summary>A ruled box to write the narrative in by hand when none was given.</summary>
        public void WritingSpace(double height)
        {
            Room(height + LineHeight(Small));
            graphics.DrawString("Space for the officer's narrative.", Small, new XSolidBrush(Ink), Margin, y, XStringFormats.TopLeft);
            y += LineHeight(Small);
            graphics.DrawRectangle(new XPen(Rule, 0.75), Margin, y, Width, height);
            for (var line = y + 24; line < y + height; line += 24)
                graphics.DrawLine(new XPen(Shade, 0.75), Margin + 6, line, Margin + Width - 6, line);
            y += height + 6;
        }

        /// <summary>A table whose header row is repeated on each page it runs onto; cells wrap within their column.</summary>
        public void Table(IReadOnlyList<double> widths, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
        {
            var columns = widths.Select(w => w * Width).ToArray();
            Row(columns, header, Bold, shaded: true);
            foreach (var row in rows)
            {
                if (y + Height(columns, row, Body) > Bottom)
                {
                    NewPage();
                    Row(columns, header, Bold, shaded: true);
                }
                Row(columns, row, Body, shaded: false);
            }
            y += 4;
        }

        private double Height(double[] columns, IReadOnlyList<string> cells, XFont font) =>
            cells.Select((c, i) => Wrap(c, font, columns[i] - 6).Count).DefaultIfEmpty(1).Max() * LineHeight(font) + 4;

        private void Row(double[] columns, IReadOnlyList<string> cells, XFont font, bool shaded)
        {
            var height = Height(columns, cells, font);
            Room(height);
            if (shaded) graphics.DrawRectangle(new XSolidBrush(Shade), Margin, y, Width, height);
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                var lineY = y + 2;
                foreach (var line in Wrap(cells[i], font, columns[i] - 6))
                {
                    graphics.DrawString(line, font, new XSolidBrush(Ink), x + 3, lineY, XStringFormats.TopLeft);
                    lineY += LineHeight(font);
                }
                x += columns[i];
            }
            y += height;
            graphics.DrawLine(new XPen(Rule, 0.5), Margin, y, Margin + Width, y);
        }

        /// <summary>Words to lines that fit the width; a word longer than the width is cut.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (graphics.MeasureString(candidate, font).Width <= width) { line = candidate; continue; }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (line.Length > 1 && graphics.MeasureString(line, font).Width > width)
                {
                    var fits = line.Length - 1;
                    while (fits > 1 && graphics.MeasureString(line[..fits], font).Width > width) fits--;
                    lines.Add(line[..fits]);
                    line = line[fits..];
                }
            }
            if (line.Length > 0) lines.Add(line);
            return lines;
        }

        /// <summary>Each page's footer, once the number of pages is known.</summary>
        public void Footers(string authority, CommitteeResponse report)
        {
            graphics.Dispose();
            var known = report.KnownAt is { } k ? $"known at {Instant(k)}" : "as recorded when made";
            for (var i = 0; i < document.PageCount; i++)
            {
                var page = document.Pages[i];
                using var footer = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                footer.DrawString($"Committee report, authority {authority}, as at {Day(report.AsAt)}, {known}. Page {i + 1} of {document.PageCount}.",
                    Small, new XSolidBrush(Ink), Margin, page.Height.Point - Margin, XStringFormats.TopLeft);
            }
        }
    }
}

/// <summary>
/// The PDF's one typeface, DejaVu Sans, embedded in the assembly from npm's dejavu-fonts-ttf (the csproj): PDFsharp
/// finds no fonts on a Linux server by itself, and a system font would make the PDF differ by machine. PDFsharp takes
/// one resolver per process, set before any font is used, and the same instance if it is set again.
/// </summary>
public sealed class CommitteeFonts : IFontResolver
{
    public const string Family = "CareTracking DejaVu Sans";
    private static readonly CommitteeFonts Instance = new();
    private static readonly Lock Gate = new();

    public static bool Register()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance)) GlobalFontSettings.FontResolver = Instance;
            return true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        familyName == Family ? new FontResolverInfo(bold ? "DejaVuSans-Bold" : "DejaVuSans") : null;

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(CommitteeFonts).Assembly.GetManifestResourceStream($"CareTracking.Indicators.Fonts.{faceName}.ttf");
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
