using System.Net.Http.Headers;
using System.Text;

namespace CareTracking.DemoData;

/// <summary>
/// The population aged 0-17 behind the rate per 10,000. The demo cohort is far smaller than a real council's, so the
/// figure loaded is synthetic too (about 5,200 children a year, which puts the demo's rate near England's); a real
/// authority loads its ONS mid-year estimates the same way, through the admin reference-data API. Loaded by the tool,
/// after its options are checked, so a bad option posts nothing at all (seed-demo.sh used to post it first).
/// </summary>
public static class DemoPopulation
{
    public const int ChildrenAged0To17 = 5200;

    public static string Csv() =>
        "year,population\n" + string.Join("\n", Enumerable.Range(2016, 15).Select(year => $"{year},{ChildrenAged0To17}"));

    /// <summary>Posts the table with an admin token. A refusal is not fatal: the rate then shows as unknown.</summary>
    public static async Task LoadAsync(string indicatorsUrl, string adminToken, TextWriter output)
    {
        using var client = new HttpClient { BaseAddress = new Uri(indicatorsUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        try
        {
            using var answer = await client.PostAsync("/api/indicators/reference/population",
                new StringContent(Csv(), Encoding.UTF8, "text/csv"));
            output.WriteLine(answer.IsSuccessStatusCode
                ? $"demo data: loaded a synthetic population aged 0-17 ({ChildrenAged0To17:N0} a year) for the rate per 10,000"
                : $"demo data: could not load the demo population ({(int)answer.StatusCode}); the rate per 10,000 will show as unknown");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            output.WriteLine($"demo data: could not load the demo population ({e.Message}); the rate per 10,000 will show as unknown");
        }
    }
}
