using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareTracking.Ssda903.Codes;

namespace CareTracking.IntegrationTests.Harness;

public static class Requests
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static object EnteredCare(string date = "2025-04-10", string legalStatus = "C2", string placementType = "U4",
        string dateOfBirth = "2015-06-01", Guid? eventId = null) => new
        {
            date,
            legalStatus,
            categoryOfNeed = "N1",
            placement = new { type = placementType, provider = "PR1", postcode = "DE22 3NE", urn = PlacementTypes.TakesNoUrn(placementType) ? null : "SC123456" },
            homePostcode = "DE1 1AA",
            child = new { sex = "F", dateOfBirth, ethnicity = "WBRI", uasc = false },
            eventId,
        };

    public static async Task<JsonNode> Body(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? new JsonObject();

    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);
}
