using System.Text.Json;
using System.Text.Json.Nodes;
using CareTracking.Health;
using CareTracking.Indicators;
using CareTracking.IntegrationTests.Harness;
using CareTracking.LeavingCare;
using CareTracking.MissingEpisodes;
using CareTracking.Placements;
using CareTracking.Reviews;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.OpenApi;

namespace CareTracking.IntegrationTests.Contract;

/// <summary>Every service in-process on one database and vhost, with the way to fetch its OpenAPI document and
/// its contract class, for the tests of the published contract (docs/openapi/*.json).</summary>
public sealed class ContractStack : ServiceStack
{
    public static readonly string[] Names = ["Placements", "MissingEpisodes", "Reviews", "Health", "LeavingCare", "Indicators"];

    public HttpClient Client(string service) => service switch
    {
        "Placements" => Start<PlacementsHost>().ClientFor(Authority, Scopes.All),
        "MissingEpisodes" => Start<MissingEpisodesHost>().ClientFor(Authority, Scopes.All),
        "Reviews" => Start<ReviewsHost>().ClientFor(Authority, Scopes.All),
        "Health" => Start<HealthHost>().ClientFor(Authority, Scopes.All),
        "LeavingCare" => Start<LeavingCareHost>().ClientFor(Authority, Scopes.All),
        "Indicators" => Start<IndicatorsHost>().ClientFor(Authority, Scopes.All),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    public const string Authority = "831";

    public async Task<JsonObject> DocumentAsync(string service)
    {
        var response = await Client(service).GetAsync("/swagger/v1/swagger.json");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public static ApiContract? ContractOf(string service) =>
        ContractCatalogue.FindIn("CareTracking." + service);

    /// <summary>The checked-in copy of a service's document: docs/openapi/&lt;service&gt;.json in the repository.</summary>
    public static string CopyPath(string service) => Path.Combine(RepositoryRoot(), "docs", "openapi", service.ToLowerInvariant() + ".json");

    public static string Indented(JsonNode document) =>
        document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CareTracking.sln"))) return dir.FullName;
        throw new InvalidOperationException("CareTracking.sln not found above " + AppContext.BaseDirectory);
    }
}
