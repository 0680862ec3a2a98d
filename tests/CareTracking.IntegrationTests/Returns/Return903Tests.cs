using System.IO.Compression;
using System.Net;
using CareTracking.Import903.Exporting;
using CareTracking.Import903.Importing;
using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using CareTracking.IntegrationTests.Demo;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using Xunit.Abstractions;

namespace CareTracking.IntegrationTests.Returns;

/// <summary>A clean 903 return imported through Placements, Missing episodes and Reviews, then exported by
/// Indicators for the same year: the same rows come back, and the check finds nothing.</summary>
public sealed class Return903Tests(DemoStack stack, ITestOutputHelper output) : IClassFixture<DemoStack>
{
    [Fact]
    public async Task an_imported_clean_return_exports_the_same_rows_and_the_check_finds_nothing()
    {
        var folder = CleanReturn.WriteTo(Path.Combine(Path.GetTempPath(), $"ct-return903-{Guid.NewGuid():N}"));
        try
        {
            var plan = ImportMapping.Map(ReturnReader.Read(folder), DemoStack.Authority, DateOnly.FromDateTime(DateTime.UtcNow));
            var imported = await Importer.RunAsync(plan, new ImportClients(stack.PlacementsClient(), stack.MissingClient(), stack.ReviewsClient()),
                new ImportOptions(Parallelism: 2, CareWait: TimeSpan.FromSeconds(20)));
            output.WriteLine(ImportSummary.Describe(imported));
            Assert.Empty(imported.Rejections);
            await stack.SettledEventCountAsync();
        }
        finally { Directory.Delete(folder, recursive: true); }

        var reader = stack.Indicators.ClientFor(DemoStack.Authority, Scopes.ReturnsRead);
        var files = await Eventually.Within(TimeSpan.FromSeconds(30), async () => await ExportAsync(reader, CleanReturn.Year),
            f => f.TryGetValue("missing.csv", out var m) && m.Count == CleanReturn.Files["missing.csv"].Length
                && f["reviews.csv"].Count == CleanReturn.Files["reviews.csv"].Length);

        foreach (var (file, lines) in CleanReturn.Files)
        {
            Assert.True(files.ContainsKey(file), $"{file} is not in the export");
            var expected = lines.Skip(1).Order(StringComparer.Ordinal).ToList();
            var actual = files[file].Skip(1).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(lines[0], files[file][0]);
            Assert.Equal(expected, actual);
        }
        // Every table of the year is written, with NOT-PRODUCED.txt naming the header columns not collected.
        Assert.Equal(CareTracking.Indicators.Returns.ReturnTables.Of(new(CleanReturn.Year)).Count + 1, files.Count);
        Assert.Contains("previous_permanence.csv", files.Keys);
        Assert.DoesNotContain("previous_permanence.csv", string.Join('\n', files["NOT-PRODUCED.txt"]));

        // The command line's export writes the same files, with its progress lines.
        var folder2 = Path.Combine(Path.GetTempPath(), $"ct-export903-{Guid.NewGuid():N}");
        try
        {
            var progress = new StringWriter();
            var exported = await ReturnExport.RunAsync(reader, CleanReturn.Year, null, folder2, progress);
            output.WriteLine(progress.ToString());
            foreach (var (file, lines) in CleanReturn.Files)
                Assert.Equal(files[file], File.ReadAllText(Path.Combine(folder2, file)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList());
            Assert.Contains(("reviews.csv", CleanReturn.Files["reviews.csv"].Length - 1), exported.Files);
            Assert.Empty(exported.NotProduced);
            Assert.Contains($"export 903: {files.Count}/{files.Count} files, wrote NOT-PRODUCED.txt", progress.ToString());
        }
        finally { Directory.Delete(folder2, recursive: true); }

        await AssertXmlHoldsTheSameRowsAsync(reader, CleanReturn.Year, files);

        var check = await reader.GetAsync($"/api/returns/903/{CleanReturn.Year}/check");
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal("[]", (await check.Content.ReadAsStringAsync()).Trim());
        // Without last year's return the rules that compare with it are named as not run; with it (as known now, so
        // the same facts) they run and find nothing; a bad instant is refused naming the parameter.
        Assert.Equal("503A 503B 503C 503D 503E 503F 503G 503H 576 205A 205B 205D", string.Join(' ', check.Headers.GetValues("X-Checks-Not-Run")));
        var withLastYear = await reader.GetAsync($"/api/returns/903/{CleanReturn.Year}/check?lastYearKnownAt={DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Equal(HttpStatusCode.OK, withLastYear.StatusCode);
        Assert.False(withLastYear.Headers.Contains("X-Checks-Not-Run"));
        Assert.Equal("[]", (await withLastYear.Content.ReadAsStringAsync()).Trim());
        var bad = await reader.GetAsync($"/api/returns/903/{CleanReturn.Year}/check?lastYearKnownAt=last-june");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("lastYearKnownAt must be an instant", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task the_return_needs_the_returns_scope()
    {
        var committee = stack.Indicators.ClientFor(DemoStack.Authority, Scopes.IndicatorsRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await committee.GetAsync($"/api/returns/903/{CleanReturn.Year}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await committee.GetAsync("/api/returns/annex-a/8?asAt=2023-03-31")).StatusCode);
    }

    /// <summary>The same return as the DfE's XML (?format=xml), read back table by table: every table of the zip but
    /// SWEpisodes (no element in the schema, and named in X-Return-Not-In-Xml) has the same rows, order aside.</summary>
    internal static async Task AssertXmlHoldsTheSameRowsAsync(HttpClient reader, int year, Dictionary<string, List<string>> files)
    {
        var response = await reader.GetAsync($"/api/returns/903/{year}?format=xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var tables = CareTracking.Indicators.Returns.ReturnXml.Read(await response.Content.ReadAsStringAsync());
        var inXml = CareTracking.Indicators.Returns.ReturnTables.Of(new(year)).Where(t => t.Name != "SWEpisodes").ToList();
        Assert.Equal(year >= 2024 ? "sw_episodes.csv" : "", string.Join(' ', response.Headers.GetValues("X-Return-Not-In-Xml")));
        foreach (var table in inXml)
        {
            var csv = files[table.File].Skip(1).Order(StringComparer.Ordinal).ToList();
            var xml = tables[table.Name].Select(cells => CsvLine(cells)).Order(StringComparer.Ordinal).ToList();
            Assert.True(csv.SequenceEqual(xml), $"{table.File}: CSV [{string.Join(" | ", csv)}] but XML [{string.Join(" | ", xml)}]");
        }
    }

    private static string CsvLine(string[] cells) => CareTracking.Indicators.Exports.Csv.Line([.. cells]).TrimEnd('\r', '\n');

    /// <summary>The cells of an Annex A workbook's sheet, row by row, as the Open XML SDK reads them back.</summary>
    internal static List<string[]> SheetRows(byte[] workbook, string sheet)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var part = document.WorkbookPart!;
        var id = part.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        var data = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)part.GetPartById(id)).Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>();
        return [.. data.Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToArray())];
    }

    /// <summary>Each file of the zip as its lines (CRLF line ends, as written).</summary>
    internal static async Task<Dictionary<string, List<string>>> ExportAsync(HttpClient reader, int year)
    {
        var response = await reader.GetAsync($"/api/returns/903/{year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var files = new Dictionary<string, List<string>>();
        foreach (var entry in zip.Entries)
        {
            using var text = new StreamReader(entry.Open());
            files[entry.Name] = [.. (await text.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Where(l => l.Length > 0)];
        }
        return files;
    }
}
