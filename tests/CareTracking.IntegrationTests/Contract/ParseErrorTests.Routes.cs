using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace CareTracking.IntegrationTests.Contract;

/// <summary>
/// Bad input on three routes that came late (stop 21's review): the header change (a body: 400 naming the field),
/// the subject-access export and the missing children's list (a path and query values read by hand: 422 naming
/// the parameter, as every hand-read value in the suite). Each answer is a problem naming the field in the
/// integrator's words, and nothing is appended or audited.
/// </summary>
public sealed partial class ParseErrorTests
{
    public static TheoryData<string, string, string> BadHeaderChanges => new()
    {
        { """{"date":"10/06/2025","upn":"A123456789012","eventId":"0197a3c0-0000-7000-8000-000000000112"}""", "date", "YYYY-MM-DD" },
        { """{"date":20250610,"upn":"A123456789012","eventId":"0197a3c0-0000-7000-8000-000000000112"}""", "date", "YYYY-MM-DD" },
        { """{"date":"2025-07-01","upn":42,"eventId":"0197a3c0-0000-7000-8000-000000000112"}""", "upn", "text" },
        { """{"date":"2025-07-01","upn":"A123456789012","eventId":"not-a-uuid"}""", "eventId", "UUID" },
    };

    [Theory]
    [MemberData(nameof(BadHeaderChanges))]
    public async Task a_header_change_with_a_bad_value_is_a_400_naming_the_field_and_appends_nothing(string body, string field, string expected)
    {
        var client = stack.Client("Placements");
        var before = await Events();
        var response = await client.PostAsync("/api/children/PE-HEADER1/header", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(field, (string?)problem["field"]);
        Assert.Contains(expected, (string?)problem["detail"] ?? "");
        Assert.DoesNotMatch(DotNetName(), text);
        Assert.Equal(before, await Events());
    }

    [Theory]
    [InlineData("C%201001")] // a space
    [InlineData("C1001%3Bdrop")] // ';'
    [InlineData("reviews%3AC1001")] // another service's stream prefix
    [InlineData("C12345678901234567890123456789012345678901234567890123456789012345")] // 66 characters
    public async Task a_subject_access_export_for_a_malformed_child_id_is_refused_naming_it_and_audits_nothing(string childId)
    {
        var client = stack.Client("Indicators");
        var before = await Audited();
        var response = await client.GetAsync($"/api/subject-access/children/{childId}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode} {text}");
        Assert.Equal("childId", (string?)JsonNode.Parse(text)!["field"]);
        Assert.Contains("letters, digits", text);
        Assert.Equal(before, await Audited());
    }

    [Theory]
    [InlineData("year=two", "year", "four-digit year")]
    [InlineData("asAt=10/06/2025", "asAt", "YYYY-MM-DD")]
    [InlineData("year=2025&knownAt=2025-06-01", "knownAt", "time and offset")]
    [InlineData("year=2025&knownAt=2025-06-01T09:00:00", "knownAt", "time and offset")]
    [InlineData("year=2025&knownAt=yesterday", "knownAt", "time and offset")]
    public async Task the_missing_children_list_with_a_bad_query_value_is_refused_naming_it_and_audits_nothing(string query, string field, string expected)
    {
        var client = stack.Client("Indicators");
        var before = await Audited();
        var response = await client.GetAsync($"/api/indicators/missing/children?{query}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode} {text}");
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(field, (string?)problem["field"]);
        Assert.Contains(expected, (string?)problem["detail"] ?? "");
        Assert.DoesNotMatch(DotNetName(), text);
        Assert.Equal(before, await Audited());
    }

    private Task<long> Events() => stack.ScalarAsync("select count(*) from eventstore.mt_events");
    private Task<long> Audited() => stack.ScalarAsync("select count(*) from eventstore.ct_child_read_audit");
}
