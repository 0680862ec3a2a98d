using CareTracking.LeavingCare.CareLeavers;
using CareTracking.LeavingCare.CareLeavers.AllocatingAdvisers;
using CareTracking.LeavingCare.CareLeavers.Arrangements;
using CareTracking.LeavingCare.CareLeavers.RecordingContacts;
using CareTracking.LeavingCare.CareLeavers.ReviewingPathwayPlans;
using static CareTracking.LeavingCare.Tests.CareLeavers.CareLeaverSpec;

namespace CareTracking.LeavingCare.Tests.CareLeavers;

public class RecordContactTests
{
    // Relevant from 1 September 2024 (left care at 16); 17 on 10 May 2025, 18 on 10 May 2026.
    private static readonly CareLeaver Relevant = InCareFromMarch2024(D(2024, 9, 1));

    [Fact]
    public void a_contact_with_valid_codes_is_recorded_and_the_same_again_is_a_no_op()
    {
        Then(RecordContact.Decide(new(D(2025, 7, 1), "YES", "F2", "D1"), Relevant, Now), new ContactRecorded(D(2025, 7, 1), "YES", "F2", "D1"));
        var recorded = CareLeaver.Evolve(Relevant, new ContactRecorded(D(2025, 7, 1), "YES", "F2", "D1"));
        Then(RecordContact.Decide(new(D(2025, 7, 1), "YES", "F2", "D1"), recorded, Now));
        ThenViolates(() => RecordContact.Decide(new(D(2025, 7, 1), "NO", "0", "0"), recorded, Now), "date", "contact.already-recorded");
    }

    [Theory]
    [InlineData("yes", "F2", "D1", "inTouch", "903-rule-131")]
    [InlineData(null, "F2", "D1", "inTouch", "903-rule-131")]
    [InlineData("YES", "F3", "D1", "activity", "903-rule-132")]
    [InlineData("YES", "1", "D1", "activity", "903-rule-132")]
    [InlineData("YES", "F2", "A1", "accommodation", "903-rule-133")]
    [InlineData("YES", "F2", "D3", "accommodation", "903-rule-133")]
    [InlineData("YES", "F2", "D", "accommodation", "903-rule-133")]
    [InlineData("YES", "F2", "S1", "accommodation", "903-rule-133")]
    [InlineData("YES", "F2", "X1", "accommodation", "903-rule-133")]
    public void codes_the_903_validator_rejects_are_refused(string? inTouch, string activity, string accommodation, string field, string rule) =>
        ThenViolates(() => RecordContact.Decide(new(D(2025, 7, 1), inTouch, activity, accommodation), Relevant, Now), field, rule);

    [Theory]
    [InlineData("S2")]
    [InlineData("X2")]
    [InlineData("0")]
    public void no_fixed_abode_and_custody_are_accepted_as_not_suitable(string accommodation) =>
        Then(RecordContact.Decide(new(D(2025, 7, 1), "YES", "G5", accommodation), Relevant, Now), new ContactRecorded(D(2025, 7, 1), "YES", "G5", accommodation));

    [Fact]
    public void former_foster_carers_are_refused_around_the_17th_birthday_and_accepted_at_18()
    {
        // 17th birthday window: 10 February to 10 June 2025; 17 until 9 May 2026.
        ThenViolates(() => RecordContact.Decide(new(D(2025, 2, 10), "YES", "F2", "Z1"), Relevant, Now), "accommodation", "903-rule-3001");
        ThenViolates(() => RecordContact.Decide(new(D(2025, 11, 1), "YES", "F2", "Z1"), Relevant, Now), "accommodation", "903-rule-3001");
        Then(RecordContact.Decide(new(D(2025, 2, 9), "YES", "F2", "Z1"), Relevant, Now), new ContactRecorded(D(2025, 2, 9), "YES", "F2", "Z1"));
        var later = Now.AddYears(1);
        Then(RecordContact.Decide(new(D(2026, 5, 10), "YES", "F2", "Z2"), Relevant, later), new ContactRecorded(D(2026, 5, 10), "YES", "F2", "Z2"));
    }

    [Fact]
    public void a_contact_for_someone_who_is_not_a_care_leaver_is_refused_but_held_before_any_care_history_arrives()
    {
        var neverLeaver = Given(Started(D(2023, 1, 1)), Ended(D(2023, 1, 1), D(2024, 5, 10)));
        ThenViolates(() => RecordContact.Decide(new(D(2025, 7, 1), "YES", "F2", "D1"), neverLeaver, Now), "date", "contact.not-a-care-leaver");
        Then(RecordContact.Decide(new(D(2025, 7, 1), "YES", "F2", "D1"), Given(), Now), new ContactRecorded(D(2025, 7, 1), "YES", "F2", "D1"));
    }

    [Fact]
    public void contacts_go_on_being_recorded_from_21_to_25_after_being_former_relevant()
    {
        var at22 = new DateTimeOffset(2030, 6, 1, 9, 0, 0, TimeSpan.Zero);
        Then(RecordContact.Decide(new(D(2030, 6, 1), "YES", "F1", "U1"), Relevant, at22), new ContactRecorded(D(2030, 6, 1), "YES", "F1", "U1"));
        var at25 = new DateTimeOffset(2033, 6, 1, 9, 0, 0, TimeSpan.Zero);
        ThenViolates(() => RecordContact.Decide(new(D(2033, 6, 1), "YES", "F1", "U1"), Relevant, at25), "date", "contact.not-a-care-leaver");
    }

    [Fact]
    public void a_contact_dated_tomorrow_is_refused() =>
        ThenViolates(() => RecordContact.Decide(new(D(2025, 12, 2), "YES", "F2", "D1"), Relevant, Now), "date", "contact.in-future");
}

public class AdviserPlanAndArrangementTests
{
    private static readonly CareLeaver Relevant = InCareFromMarch2024(D(2024, 9, 1));
    private static readonly DateTimeOffset In2027 = new(2027, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_personal_adviser_is_allocated_by_id()
    {
        Then(AllocatePersonalAdviser.Decide(new(D(2024, 9, 2), "PA-7"), Relevant, Now), new PersonalAdviserAllocated(D(2024, 9, 2), "PA-7"));
        ThenViolates(() => AllocatePersonalAdviser.Decide(new(D(2024, 9, 2), " "), Relevant, Now), "adviserId", "personal-adviser.adviser-id-required");
        ThenViolates(() => AllocatePersonalAdviser.Decide(new(D(2024, 4, 1), "PA-7"), Relevant, Now), "date", "personal-adviser.not-a-care-leaver");
    }

    [Fact]
    public void a_pathway_plan_review_is_recorded_for_an_eligible_child_still_in_care()
    {
        var eligible = InCareFromMarch2024();
        Then(ReviewPathwayPlan.Decide(new(D(2024, 6, 1)), eligible, Now), new PathwayPlanReviewed(D(2024, 6, 1)));
        ThenViolates(() => ReviewPathwayPlan.Decide(new(D(2024, 5, 1)), eligible, Now), "date", "pathway-plan-review.not-a-care-leaver");
    }

    [Fact]
    public void staying_put_begins_at_18_and_is_ended_by_posting_its_start_again_with_an_end()
    {
        var leftAt18 = InCareFromMarch2024(D(2026, 5, 10), "E17");
        ThenViolates(() => RecordStayingPut.Decide(new(D(2026, 5, 9), null), leftAt18, In2027), "from", "staying-put.under-18");
        Then(RecordStayingPut.Decide(new(D(2026, 5, 10), null), leftAt18, In2027), new StayingPutRecorded(D(2026, 5, 10), null));

        var open = CareLeaver.Evolve(leftAt18, new StayingPutRecorded(D(2026, 5, 10), null));
        Then(RecordStayingPut.Decide(new(D(2026, 5, 10), null), open, In2027));
        Then(RecordStayingPut.Decide(new(D(2026, 5, 10), D(2027, 1, 4)), open, In2027), new StayingPutRecorded(D(2026, 5, 10), D(2027, 1, 4)));

        var ended = CareLeaver.Evolve(open, new StayingPutRecorded(D(2026, 5, 10), D(2027, 1, 4)));
        Assert.Equal([new(D(2026, 5, 10), D(2027, 1, 4))], ended.StayingPut);
        Then(RecordStayingPut.Decide(new(D(2026, 5, 10), D(2027, 1, 4)), ended, In2027));
        ThenViolates(() => RecordStayingPut.Decide(new(D(2026, 5, 10), D(2027, 2, 1)), ended, In2027), "to", "staying-put.already-ended");
        ThenViolates(() => RecordStayingPut.Decide(new(D(2026, 12, 1), null), ended, In2027), "from", "staying-put.overlaps");
        Then(RecordStayingPut.Decide(new(D(2027, 1, 4), null), ended, In2027), new StayingPutRecorded(D(2027, 1, 4), null));
    }

    [Fact]
    public void an_arrangement_must_end_after_it_starts_and_not_in_the_future()
    {
        ThenViolates(() => RecordSupportedLodgings.Decide(new(D(2024, 10, 1), D(2024, 10, 1)), Relevant, Now), "to", "supported-lodgings.ends-before-it-starts");
        ThenViolates(() => RecordSupportedLodgings.Decide(new(D(2024, 10, 1), D(2026, 1, 1)), Relevant, Now), "to", "supported-lodgings.in-future");
        Then(RecordSupportedLodgings.Decide(new(D(2024, 10, 1), D(2025, 1, 1)), Relevant, Now), new SupportedLodgingsRecorded(D(2024, 10, 1), D(2025, 1, 1)));
    }

    [Fact]
    public void supported_lodgings_begin_at_16()
    {
        var young = Given(Started(D(2023, 1, 1), born: D(2008, 11, 1)));
        ThenViolates(() => RecordSupportedLodgings.Decide(new(D(2024, 10, 1), null), young, Now), "from", "supported-lodgings.under-16");
    }

    [Fact]
    public void the_list_as_at_a_date_shows_each_care_leaver_with_status_and_adviser()
    {
        var relevantWithAdviser = CareLeaver.Evolve(Relevant, new PersonalAdviserAllocated(D(2024, 9, 2), "PA-7"));
        var list = CareLeaverList.AsAt([("B", relevantWithAdviser), ("A", InCareFromMarch2024()), ("C", Given())], D(2024, 10, 1));
        Assert.Equal(
            [new("A", Ssda903.CareLeavers.CareLeaverStatus.Eligible, null), new CareLeaverListEntry("B", Ssda903.CareLeavers.CareLeaverStatus.Relevant, "PA-7")],
            list);
    }
}
