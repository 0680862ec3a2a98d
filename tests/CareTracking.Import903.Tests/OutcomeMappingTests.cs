using System.Net;
using CareTracking.Import903.Importing;
using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using static CareTracking.Import903.Tests.Rows;

namespace CareTracking.Import903.Tests;

/// <summary>oc2.csv and oc3.csv as facts for Health and Leaving care (docs/import-903.md, "OC2 and OC3").</summary>
public class OutcomeMappingTests
{
    private static Oc2Record Oc2(string convicted = "0", string healthCheck = "0", string immunisations = "0", string teeth = "0",
        string assessment = "0", string misuse = "0", string received = "0", string offered = "0", string score = "", string reason = "", int row = 1,
        string dob = "01/06/2010") =>
        new(new RowRef(ReturnFile.Oc2, row), Child, dob, score, reason, convicted, healthCheck, immunisations, teeth, assessment, misuse, received, offered);

    private static Oc3Record Oc3(string dob = "10/05/2008", string inTouch = "YES", string activ = "F2", string accom = "D1", int row = 1) =>
        new(new RowRef(ReturnFile.Oc3, row), Child, dob, inTouch, activ, accom);

    private static ImportPlan MapYear(ReturnRecords records, int? year = 2025) => ImportMapping.Map(records, "831", Today, year);

    [Fact]
    public void each_oc2_flag_set_becomes_a_health_fact_dated_31_march_of_the_year()
    {
        // Aged 4 on 31 March 2025, so HEALTH_CHECK (under-5s only) is a development check (the importer judges no other age).
        var step = MapYear(Return() with { Oc2 = [Oc2("1", "1", "1", "1", "1", "1", "0", "1", score: "17", dob: "01/04/2020")] }).StepOf(ReturnFile.Oc2, 1);

        Assert.Equal(
            ["health-assessments", "immunisations", "dental-checks", "development-checks", "sdq", "convictions", "substance-misuse"],
            step.Posts.Select(p => p.Command));
        Assert.All(step.Posts, p => Assert.Equal(TargetService.Health, p.Service));
        Assert.All(step.Posts, p => Assert.StartsWith("/api/children/C1/", p.Path, StringComparison.Ordinal));
        var date = new DateOnly(2025, 3, 31);
        Assert.Equal(new HealthAssessmentBody(date, "review", step.Body<HealthAssessmentBody>(0).EventId), step.Body<HealthAssessmentBody>(0));
        Assert.True(step.Body<ImmunisationsBody>(1).UpToDate);
        Assert.Equal(date, step.Body<DatedBody>(2).Date);
        Assert.Equal((17, (string?)null), (step.Body<SdqBody>(4).Score, step.Body<SdqBody>(4).Reason));
        Assert.Equal((true, false), (step.Body<SubstanceMisuseBody>(6).InterventionOffered, step.Body<SubstanceMisuseBody>(6).InterventionReceived));
        Assert.Equal(7, step.Posts.Select(p => p.Body switch
        {
            HealthAssessmentBody b => b.EventId,
            ImmunisationsBody b => b.EventId,
            DatedBody b => b.EventId,
            SdqBody b => b.EventId,
            SubstanceMisuseBody b => b.EventId,
            _ => Guid.Empty
        }).Distinct().Count());
    }

    [Fact]
    public void health_check_1_for_a_child_5_or_over_on_31_march_is_refused_by_the_importer()
    {
        // 5 on 31 March 2025 itself: refused. The day after: still 4 on 31 March, posted. The header's DOB when the row has none.
        var plan = MapYear(Return(headers: [Header(dob: "01/04/2020")]) with
        {
            Oc2 = [Oc2(healthCheck: "1", dob: "31/03/2020"), Oc2(healthCheck: "1", dob: "01/04/2020", row: 2), Oc2(healthCheck: "1", dob: "", row: 3, teeth: "1")],
        });

        var refused = plan.RejectionOf(ReturnFile.Oc2, 1);
        Assert.Equal(("HEALTH_CHECK", ImportRules.DevelopmentCheckAge), (refused.Field, refused.Rule));
        Assert.Contains("aged 5", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["development-checks"], plan.StepOf(ReturnFile.Oc2, 2).Posts.Select(p => p.Command));
        Assert.Equal(["dental-checks", "development-checks"], plan.StepOf(ReturnFile.Oc2, 3).Posts.Select(p => p.Command));

        var older = MapYear(Return(headers: [Header(dob: "01/06/2010")]) with { Oc2 = [Oc2(healthCheck: "1", dob: "")] });
        Assert.Equal(ImportRules.DevelopmentCheckAge, older.RejectionOf(ReturnFile.Oc2, 1).Rule);
        // The summary names the rule and how many rows broke it.
        Assert.Contains($"      1  {ImportRules.DevelopmentCheckAge}  ", ImportSummary.Describe(Importer.DryRun(plan)), StringComparison.Ordinal);
    }

    [Fact]
    public void a_flag_0_or_blank_records_nothing_and_an_sdq_reason_is_posted_without_a_score()
    {
        var step = MapYear(Return() with { Oc2 = [Oc2(convicted: "", reason: "SDQ2")] }).StepOf(ReturnFile.Oc2, 1);

        var sdq = Assert.Single(step.Posts);
        Assert.Equal((null, "SDQ2"), (step.Body<SdqBody>().Score, step.Body<SdqBody>().Reason));
        Assert.Equal("sdq", sdq.Command);
    }

    [Theory]
    [InlineData("2", "CONVICTED")]
    [InlineData("Y", "CONVICTED")]
    public void an_oc2_flag_other_than_0_1_or_blank_is_rejected_naming_the_column(string value, string field)
    {
        var rejection = MapYear(Return() with { Oc2 = [Oc2(convicted: value)] }).RejectionOf(ReturnFile.Oc2, 1);

        Assert.Equal((field, ImportRules.CodeUnknown), (rejection.Field, rejection.Rule));
    }

    [Fact]
    public void without_a_year_the_return_is_for_the_year_of_its_latest_dated_row()
    {
        var records = Return(episodes: [Episode(1, "01/04/2016", "S"), Episode(2, "10/02/2017", "P")]) with { Oc2 = [Oc2(teeth: "1")] };

        var step = MapYear(records, year: null).StepOf(ReturnFile.Oc2, 1);

        Assert.Equal(new DateOnly(2017, 3, 31), step.Body<DatedBody>().Date);
    }

    [Fact]
    public void with_no_dated_row_and_no_year_the_oc_rows_are_rejected_asking_for_one()
    {
        var plan = MapYear(Return() with { Oc2 = [Oc2(teeth: "1")], Oc3 = [Oc3()] }, year: null);

        Assert.Equal(ImportRules.YearUnknown, plan.RejectionOf(ReturnFile.Oc2, 1).Rule);
        Assert.Contains("--year", plan.RejectionOf(ReturnFile.Oc3, 1).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void an_oc3_row_is_a_contact_on_the_birthday_in_the_year_with_its_codes()
    {
        // Born 10 May 2008: the 17th birthday, 10 May 2025, falls in the year ending 31 March 2026.
        var step = MapYear(Return() with { Oc3 = [Oc3(inTouch: "YES", activ: "F2", accom: "D1")] }, year: 2026).StepOf(ReturnFile.Oc3, 1);

        var post = Assert.Single(step.Posts);
        Assert.Equal((TargetService.LeavingCare, "/api/care-leavers/C1/contacts", "contact"), (post.Service, post.Path, post.Command));
        var body = step.Body<CareLeaverContactBody>();
        Assert.Equal((new DateOnly(2025, 5, 10), "YES", "F2", "D1"), (body.Date, body.InTouch, body.Activity, body.Accommodation));
    }

    [Fact]
    public void an_oc3_row_without_a_dob_takes_the_headers_and_one_with_no_birthday_in_the_year_is_rejected()
    {
        var fromHeader = MapYear(Return(headers: [Header(dob: "01/06/2006")]) with { Oc3 = [Oc3(dob: "")] }, year: 2025).StepOf(ReturnFile.Oc3, 1);
        var tooYoung = MapYear(Return() with { Oc3 = [Oc3(dob: "01/06/2012")] }, year: 2025).RejectionOf(ReturnFile.Oc3, 1);

        Assert.Equal(new DateOnly(2024, 6, 1), fromHeader.Body<CareLeaverContactBody>().Date); // 18th birthday
        Assert.Equal(("DOB", ImportRules.NoBirthdayInYear), (tooYoung.Field, tooYoung.Rule));
    }

    [Fact]
    public async Task without_a_health_url_the_oc2_rows_are_rejected_and_with_one_they_are_posted()
    {
        var plan = MapYear(Return(episodes: [Episode(1, "01/04/2016", "S")]) with { Oc2 = [Oc2(teeth: "1")], Oc3 = [Oc3(dob: "01/06/2007")] });
        var service = new CreatedService();

        var without = await Importer.RunAsync(plan, new ImportClients(service.Client(), service.Client(), service.Client()), new ImportOptions(Parallelism: 1));
        var with = await Importer.RunAsync(plan, new ImportClients(service.Client(), service.Client(), service.Client(), service.Client(), service.Client()),
            new ImportOptions(Parallelism: 1));

        Assert.Equal(ImportRules.ServiceNotGiven, without.Rejections.Single(r => r.Row.File == ReturnFile.Oc2).Rule);
        Assert.Contains("--leaving-care", without.Rejections.Single(r => r.Row.File == ReturnFile.Oc3).Message, StringComparison.Ordinal);
        Assert.All(without.Counts, c => Assert.True(c.AddsUp));
        Assert.Empty(with.Rejections);
        Assert.Contains("/api/children/C1/dental-checks", service.Paths);
        Assert.Contains("/api/care-leavers/C1/contacts", service.Paths);
    }

    private sealed class CreatedService : HttpMessageHandler
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Paths { get; } = [];

        public HttpClient Client() => new(this, disposeHandler: false) { BaseAddress = new Uri("http://stub/") };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Paths.Add(request.RequestUri!.AbsolutePath);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("{}") });
        }
    }
}
