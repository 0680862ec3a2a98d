using System.Net;
using System.Text.Json.Nodes;
using CareTracking.IntegrationTests.Harness;

namespace CareTracking.IntegrationTests.Health;

/// <summary>
/// The health team's work lists, read from the health-children read model as at Wednesday 14 May 2025. Entering
/// care on 10 April puts the initial assessment due on 13 May (overdue by 1 working day on the 14th); entering on
/// Thursday 24 April puts it due on Friday 23 May, the 7th working day after the 14th (the early May bank holiday
/// falls before it).
/// </summary>
public sealed class HealthWorkListTests(HealthStack stack) : IClassFixture<HealthStack>
{
    private const string AsAt = "2025-05-14";

    private static IEnumerable<string?> ChildIds(JsonNode list) => list["children"]!.AsArray().Select(c => (string?)c!["childId"]);

    private static JsonNode Item(JsonNode list, string childId) => list["children"]!.AsArray().Single(c => (string?)c!["childId"] == childId)!;

    [Fact]
    public async Task overdue_and_due_lists_name_the_children_whose_assessments_are_late_or_coming()
    {
        await stack.EnterCareAsync("wl-late", "2025-04-10");
        await stack.EnterCareAsync("wl-coming", "2025-04-24");
        await stack.EnterCareAsync("wl-done", "2025-04-10");
        Assert.Equal(HttpStatusCode.Created,
            (await stack.HealthWriter().Post("/api/children/wl-done/health-assessments", new { date = "2025-05-12", kind = "initial" })).StatusCode);

        var overdue = await stack.WorkListAsync($"/api/health/overdue?asAt={AsAt}");
        // The class's other test may have put its own child on the lists, so these name only this test's children.
        Assert.Equal(["wl-late"], ChildIds(overdue).Where(c => c is "wl-late" or "wl-coming" or "wl-done"));
        var late = Item(overdue, "wl-late");
        Assert.Equal(("initial", "2025-05-13", -1), ((string?)late["kind"], (string?)late["dueDate"], (int?)late["workingDaysLeft"]));

        var dueIn7 = await stack.WorkListAsync($"/api/health/due?withinWorkingDays=7&asAt={AsAt}");
        Assert.Equal(["wl-coming"], ChildIds(dueIn7).Where(c => c is "wl-late" or "wl-coming" or "wl-done"));
        Assert.Equal(("2025-05-23", 7, "2025-05-23"), ((string?)Item(dueIn7, "wl-coming")["dueDate"], (int?)Item(dueIn7, "wl-coming")["workingDaysLeft"], (string?)dueIn7["until"]));
        Assert.DoesNotContain("wl-coming", ChildIds(await stack.WorkListAsync($"/api/health/due?withinWorkingDays=6&asAt={AsAt}")));

        // Each child listed is a child-level read: one audit row per child, none for a child not listed.
        Assert.Equal(1, await stack.ScalarAsync("select count(*) from eventstore.ct_child_read_audit where child_id = 'wl-late' and what = 'health-overdue'"));
        Assert.Equal(1, await stack.ScalarAsync("select count(*) from eventstore.ct_child_read_audit where child_id = 'wl-coming' and what = 'health-due'"));
        Assert.Equal(0, await stack.ScalarAsync("select count(*) from eventstore.ct_child_read_audit where child_id = 'wl-done' and what like 'health-%due'"));
    }

    [Fact]
    public async Task another_authority_sees_none_of_the_children_on_its_lists()
    {
        await stack.EnterCareAsync("wl-tenancy", "2025-04-10");
        Assert.Contains("wl-tenancy", ChildIds(await stack.WorkListAsync($"/api/health/overdue?asAt={AsAt}")));
        Assert.DoesNotContain("wl-tenancy", ChildIds(await stack.WorkListAsync($"/api/health/overdue?asAt={AsAt}", authority: "855")));
        Assert.Equal(HttpStatusCode.Forbidden, (await stack.HealthWriter().GetAsync($"/api/health/overdue?asAt={AsAt}")).StatusCode);
    }

    [Theory]
    [InlineData("261")]
    [InlineData("-1")]
    [InlineData("ten")]
    public async Task a_due_window_outside_0_to_260_working_days_is_a_422_naming_the_parameter(string within)
    {
        var response = await stack.HealthReader().GetAsync($"/api/health/due?withinWorkingDays={within}&asAt={AsAt}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Body();
        Assert.Equal(("withinWorkingDays", "query.number-range"), ((string?)problem["field"], (string?)problem["rule"]));
    }
}
