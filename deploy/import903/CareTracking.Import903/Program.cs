using System.Net.Http.Headers;
using CareTracking.Import903;
using CareTracking.Import903.Importing;
using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;

// Loads a 903 return's history through the services. See docs/import-903.md.
// Exit codes: 0 every row posted; 1 some rows rejected (see --report); 2 bad usage or unreadable files;
// 3 the import's own accounting did not add up (a bug).

if (ImportArguments.Parse(args) is not { } options)
{
    Console.Error.WriteLine(ImportArguments.Usage);
    return 2;
}

try
{
    var records = ReturnReader.Read(options.Folder);
    if (options.Children is { } n) records = records.FirstChildren(n);
    var authority = options.Authority ?? TokenAuthority.Read(options.Token!)
        ?? throw new ArgumentException("the token names no authority; pass --authority");
    var plan = ImportMapping.Map(records, authority, DateOnly.FromDateTime(DateTime.UtcNow));
    Console.Error.WriteLine($"import 903: {options.Folder} for authority {authority}"
        + (options.Children is { } c ? $", first {c} children of {ReturnFile.Header}" : "")
        + (File.Exists(Path.Combine(options.Folder, "fake_903.xml")) || Directory.EnumerateFiles(options.Folder, "*.xml").Any()
            ? "; XML files in the folder are not read (CSV layout only)" : ""));

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
        var progress = ImportProgress.ForStandardError(plan.RowsRead.Values.Sum());
        result = await Importer.RunAsync(plan, new ImportClients(placements, missing, reviews),
            new ImportOptions(Parallelism: options.Parallelism), progress);
    }

    if (options.Report is { } report) RejectionReport.Write(report, result.Rejections);
    Console.WriteLine(ImportSummary.Describe(result));
    return result.Rejections.Count == 0 ? 0 : 1;
}
catch (AccountingBroken e)
{
    Console.Error.WriteLine($"import 903: ACCOUNTING BROKEN: {e.Message}");
    return 3;
}
catch (Exception e) when (e is ReturnFileUnreadable or ArgumentException or HttpRequestException or IOException)
{
    Console.Error.WriteLine($"import 903: {e.Message}");
    return 2;
}
