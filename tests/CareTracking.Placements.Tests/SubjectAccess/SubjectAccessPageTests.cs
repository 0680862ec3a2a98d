using System.Text.Json;
using CareTracking.EventStore;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Http;
using CareTracking.Ssda903.Permanence;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.SubjectAccess;

/// <summary>The subject-access page renders Placements' events as stored (serialised as the event store serialises
/// them) in words a child or care leaver can read.</summary>
public class SubjectAccessPageTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);

    private static SubjectAccessEvent Stored(string type, object data, long version = 1) =>
        new("placements", "C1001", version, type, At, JsonSerializer.SerializeToElement(data, data.GetType(), EventTypeRegistry.Json));

    private static string Page(params SubjectAccessEvent[] events) =>
        SubjectAccessPage.Render(new SubjectAccessExport("831", "C1001", At, "dpo-anna", "dpo-portal", events, [], [], 7));

    [Fact]
    public void an_entry_to_care_reads_in_words_with_each_code_and_its_meaning()
    {
        var entered = Entered(legalStatus: "C2") with { HomePostcode = null };

        var html = Page(Stored("placements.child-entered-care.v1", entered));

        Assert.Contains("<td>Child entered care<br><small>placements.child-entered-care.v1<br>C1001 #1</small></td>", html);
        // The date the event took effect comes first, though the base record serialises it last.
        Assert.Contains($"<td><dl><dt>Date</dt><dd>{entered.Date:yyyy-MM-dd}</dd><dt>Legal status</dt>", html);
        Assert.Contains("<dt>Legal status</dt><dd>C2 — Full care order</dd>", html);
        Assert.Contains("<dt>Category of need</dt><dd>N1 — Abuse or neglect</dd>", html);
        // The placement is a nested record: a list within the list, its type and provider with their meanings.
        Assert.Contains("<dt>Placement</dt><dd><dl><dt>Type</dt><dd>U6 — Foster placement with other foster carer(s), not long-term or FFA</dd>"
            + "<dt>Provider</dt><dd>PR1 — Own provision by the local authority</dd>", html);
        Assert.Contains("<dt>Sex</dt><dd>F — Female</dd>", html);
        Assert.Contains("<dt>Date of birth</dt><dd>", html);
        Assert.Contains("<dt>UASC</dt><dd>No</dd>", html);
        Assert.Contains("<dt>Home postcode</dt><dd>not recorded</dd>", html);
        Assert.Contains("<dt>Previous permanence</dt><dd>not recorded</dd>", html);
        Assert.DoesNotContain("<pre>", html);
        Assert.DoesNotContain("{", html.Split("</style>")[1]);
    }

    [Fact]
    public void a_code_not_in_its_list_is_shown_as_given_and_a_reason_that_is_free_text_gets_no_meaning()
    {
        var html = Page(
            Stored("placements.legal-status-changed.v1", new LegalStatusChanged(D("2025-03-01"), "Q9")),
            // "C2" as free text: a retraction's reason is not a code, so it is not read as one.
            Stored("placements.event-retracted.v1", new EventRetracted(D("2025-03-01"), Id(0), "C2"), 2),
            // A ceased-care reason is a code (REC).
            Stored("placements.child-ceased-care.v1", new ChildCeasedCare(D("2025-06-30"), "E4A"), 3));

        Assert.Contains("<dt>Legal status</dt><dd>Q9</dd>", html);
        Assert.Contains("<dt>Reason</dt><dd>C2</dd>", html);
        Assert.Contains("<dt>Reason</dt><dd>E4A — Returned home as part of the care planning process</dd>", html);
        Assert.Contains("<dt>Retracted event ID</dt>", html);
    }

    [Fact]
    public void free_text_from_the_case_system_is_encoded_and_erased_text_shows_as_it_is()
    {
        var html = Page(
            Stored("placements.event-retracted.v1", new EventRetracted(D("2025-03-01"), Id(0), "<script>alert(1)</script>")),
            Stored("placements.event-retracted.v1", new EventRetracted(D("2025-03-02"), Id(1), "[erased]"), 2));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("<dd>[erased]</dd>", html);
    }

    [Theory]
    [InlineData("placements.child-entered-care.v1", "Child entered care")]
    [InlineData("missing.missing-episode-reported.v1", "Missing episode reported")]
    [InlineData("reviews.iro-allocated.v1", "IRO allocated")]
    [InlineData("something-else", "something-else")]
    public void an_event_is_named_from_the_middle_of_its_stored_type(string storedType, string name) =>
        Assert.Equal(name, SubjectAccessPage.ReadableName(storedType));

    [Theory]
    [InlineData("legalStatus", "Legal status")]
    [InlineData("dateOfBirth", "Date of birth")]
    [InlineData("within72Hours", "Within 72 hours")]
    [InlineData("upn", "UPN")]
    public void a_field_is_named_in_words(string jsonName, string words) =>
        Assert.Equal(words, SubjectAccessPage.FieldName(jsonName));

    [Fact]
    public void arrays_are_lists_and_codes_in_other_services_events_have_their_meanings()
    {
        var review = new SubjectAccessEvent("reviews", "reviews:C1001", 1, "reviews.review-held.v1", At,
            JsonSerializer.SerializeToElement(new { date = "2025-05-08", participation = "PN1", attendees = new[] { "IRO", "carer" } }));
        var contact = new SubjectAccessEvent("leaving-care", "leavingcare:C1001", 1, "leavingcare.contact-recorded.v1", At,
            JsonSerializer.SerializeToElement(new { date = "2025-05-02", inTouch = "YES", activity = "F2", accommodation = "D1" }));

        var html = Page(review, contact);

        Assert.Contains("<dd>PN1 — Child physically attends and speaks for themselves</dd>", html);
        Assert.Contains("<ul><li>IRO</li><li>carer</li></ul>", html);
        Assert.Contains("<dd>YES — In touch</dd>", html);
        Assert.Contains("<dd>F2 — Full-time other education</dd>", html);
        Assert.Contains("<dd>D1 — Semi-independent or transitional, suitable</dd>", html);
    }

    [Fact]
    public void an_adoption_match_names_the_adopters_in_words_and_every_code_the_rules_accept_has_its_meaning()
    {
        var html = Page(Stored("placements.adoption-match-made.v1", new AdoptionMatchMade(D("2023-03-01"), 2, "MF", "L11", false)));

        Assert.Contains("<dt>Adopter sex</dt><dd>MF — Two adopters, one male and one female</dd>", html);
        Assert.Contains("<dt>Adopter legal status</dt><dd>L11 — Married couple of different genders</dd>", html);
        // The meanings are kept beside the codes the rules accept: a code added to one and not the other fails here.
        Assert.Equal(PermanenceCodes.AdopterSexes.Keys.Order(), PermanenceCodes.AdopterSexMeanings.Keys.Order());
        Assert.Equal(PermanenceCodes.AdopterLegalStatuses.Keys.Order(), PermanenceCodes.AdopterLegalStatusMeanings.Keys.Order());
    }
}
