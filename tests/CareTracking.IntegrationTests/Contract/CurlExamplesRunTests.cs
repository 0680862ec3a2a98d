using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using Xunit.Abstractions;
using HealthService = CareTracking.Health.HealthHost;
using IndicatorsService = CareTracking.Indicators.IndicatorsHost;
using LeavingCareService = CareTracking.LeavingCare.LeavingCareHost;
using MissingService = CareTracking.MissingEpisodes.MissingEpisodesHost;
using PlacementsService = CareTracking.Placements.PlacementsHost;
using ReviewsService = CareTracking.Reviews.ReviewsHost;

namespace CareTracking.IntegrationTests.Contract;

/// <summary>
/// The generated curl examples of docs/integrating.md run as written: every GET example (its path and query exactly as
/// <see cref="CurlExamplesTests"/> builds them from the OpenAPI documents), sent to the running service with a token of
/// every scope, is not refused as a bad request. A 404 is fine (the example's child is not recorded in an empty
/// database); a 400 or 422 means the documented example itself is wrong, as the window routes' examples were when
/// they gave `year` and `asAt` together.
/// </summary>
public sealed class CurlExamplesRunTests(ServiceStack stack, ITestOutputHelper output) : IClassFixture<ServiceStack>
{
    [Fact]
    public async Task every_generated_get_example_is_accepted_as_written()
    {
        var refused = new List<string>();
        await Run<PlacementsService>("placements");
        await Run<MissingService>("missingepisodes");
        await Run<ReviewsService>("reviews");
        await Run<IndicatorsService>("indicators");
        await Run<HealthService>("health");
        await Run<LeavingCareService>("leavingcare");
        Assert.True(refused.Count == 0, "examples refused as written:\n" + string.Join("\n", refused));

        async Task Run<T>(string file) where T : class
        {
            var client = stack.Start<T>().ClientFor("831", Scopes.All);
            foreach (var (id, pathAndQuery) in CurlExamplesTests.GetExamples(file))
            {
                using var response = await client.GetAsync(pathAndQuery);
                output.WriteLine($"{file} {id}: {(int)response.StatusCode} GET {pathAndQuery}");
                if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity || (int)response.StatusCode >= 500)
                    refused.Add($"{file} {id}: {(int)response.StatusCode} GET {pathAndQuery}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
