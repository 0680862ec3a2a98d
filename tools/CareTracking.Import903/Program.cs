using System.Net.Http.Headers;
using CareTracking.Import903;
using CareTracking.Import903.Exporting;
using CareTracking.Import903.Importing;
using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using CareTracking.Tools;

// Loads a 903 return's history through the services, or (export-903) downloads a year's return from Indicators.
// See docs/import-903.md.
// The command line (options, --help, one-line faults) is ImportCommandLine's (System.CommandLine).
// Exit codes: 0 every row posted; 1 some rows rejected (see --report); 2 bad usage (checked before anything is
// read or posted) or unreadable files; 3 the import's own accounting did not add up (a bug); 4 a service could not
// be reached or did not answer in time (its rows are rejected with import.service-unreachable or
// import.service-timeout and the rest of the import goes on).

return await ImportCommandLine.InvokeAsync(args, Console.Out, Console.Error, ImportAsync, ExportAsync);

static async Task<int> ExportAsync(ExportArguments export)
{
    using var indicators = new HttpClient { BaseAddress = export.Indicators, Timeout = TimeSpan.FromMinutes(10) };
    indicators.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", export.Token);
    try
    {
        var exported = await ReturnExport.RunAsync(indicators, export.Year, export.KnownAt, export.Out, Console.Error);
        foreach (var (file, rows) in exported.Files) Console.WriteLine($"{Path.Combine(export.Out, file)}: {rows} rows");
        if (exported.NotProduced.Count > 0)
            Console.Error.WriteLine($"export 903: the return is NOT complete: not produced yet: {string.Join(", ", exported.NotProduced)} (see NOT-PRODUCED.txt).");
        return 0;
    }
    catch (Exception e) when (e is ExportRefused or HttpRequestException or IOException or TaskCanceledException or InvalidDataException)
    {
        Console.Error.WriteLine($"export 903: {e.Message}");
        return 1;
    }
}

static async Task<int> ImportAsync(ImportArguments options)
{
    StreamWriter? reportFile = null;
    try
    {
        if (options.Report is { } report)
        {
            try { reportFile = RejectionReport.Open(report); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new UsageFault($"--report '{report}' cannot be created: {e.Message}");
            }
        }

        var records = ReturnReader.Read(options.Folder);
        if (options.Children is { } n) records = records.FirstChildren(n);
        var plan = ImportMapping.Map(records, options.Authority, DateOnly.FromDateTime(DateTime.UtcNow), options.Year);
        Console.Error.WriteLine($"import 903: {options.Folder} for authority {options.Authority}"
            + (options.Children is { } c ? $", first {c} children of {ReturnFile.Header}" : "")
            + (Directory.EnumerateFiles(options.Folder, "*.xml").Any() ? "; XML files in the folder are not read (CSV layout only)" : ""));

        ImportResult result;
        if (options.DryRun)
        {
            result = Importer.DryRun(plan);
        }
        else
        {
            HttpClient Client(string url)
            {
                var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
                return client;
            }
            using var placements = Client(options.Placements!);
            using var missing = Client(options.Missing!);
            using var reviews = Client(options.Reviews!);
            using var health = options.Health is { } healthUrl ? Client(healthUrl) : null;
            using var leavingCare = options.LeavingCare is { } leavingCareUrl ? Client(leavingCareUrl) : null;
            var progress = ImportProgress.ForStandardError(plan.RowsRead.Values.Sum());
            result = await Importer.RunAsync(plan, new ImportClients(placements, missing, reviews, health, leavingCare),
                new ImportOptions(Parallelism: options.Parallelism), progress);
        }

        if (reportFile is not null) RejectionReport.Write(reportFile, result.Rejections);
        Console.WriteLine(ImportSummary.Describe(result));
        foreach (var (service, failure) in result.ServiceFailures)
            Console.Error.WriteLine($"import 903: {failure.Reason}; its rows from then on were not posted ({result.Rejections.Count(r => r.Rule == failure.Rule && r.Message.Contains(service.ToString(), StringComparison.Ordinal))} rejected with {failure.Rule}).");
        return result.ServiceFailures.Count > 0 ? 4 : result.Rejections.Count == 0 ? 0 : 1;
    }
    catch (AccountingBroken e)
    {
        Console.Error.WriteLine($"import 903: ACCOUNTING BROKEN: {e.Message}");
        return 3;
    }
    catch (Exception e) when (e is ReturnFileUnreadable or ArgumentException or IOException)
    {
        Console.Error.WriteLine($"import 903: {e.Message}");
        return 2;
    }
    finally
    {
        reportFile?.Dispose();
    }
}
