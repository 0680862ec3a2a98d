using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using static CareTracking.Import903.Tests.Rows;

namespace CareTracking.Import903.Tests;

/// <summary>header.csv's UPN, MOTHER and MC_DOB carried by the child's entries to care.</summary>
public class HeaderFactsMappingTests
{
    private static HeaderRecord Girl(string upn, string mother, string mcDob) =>
        new(new RowRef(ReturnFile.Header, 1), Child, "2", "01/06/2008", "WBRI", upn, mother, mcDob);

    [Fact]
    public void upn_mother_and_mc_dob_travel_in_the_entry_to_care()
    {
        var plan = Map(Return(headers: [Girl("A123456789012", "1", "02/03/2024")], episodes: [Episode(1, "01/05/2024", "S")]));
        var child = plan.StepOf(ReturnFile.Episodes, 1).Body<EnteredCareBody>().Child;
        Assert.Equal(("A123456789012", (bool?)true, (DateOnly?)new DateOnly(2024, 3, 2)), (child.Upn, child.Mother, child.MotherChildDateOfBirth));

        var blank = Map(Return(headers: [Girl("", "", "")], episodes: [Episode(1, "01/05/2024", "S")])).StepOf(ReturnFile.Episodes, 1).Body<EnteredCareBody>().Child;
        Assert.Equal((null, null, null), (blank.Upn, blank.Mother, blank.MotherChildDateOfBirth));
        Assert.True(Map(Return(headers: [Girl("UN4", "1.0", "")], episodes: [Episode(1, "01/05/2024", "S")])).StepOf(ReturnFile.Episodes, 1)
            .Body<EnteredCareBody>().Child.Mother);
        Assert.False(Map(Return(headers: [Girl("UN4", "0", "")], episodes: [Episode(1, "01/05/2024", "S")])).StepOf(ReturnFile.Episodes, 1)
            .Body<EnteredCareBody>().Child.Mother);
    }

    [Theory]
    [InlineData("2", "", "MOTHER", ImportRules.CodeUnknown)]
    [InlineData("1", "2024-03-02", "MC_DOB", ImportRules.DateFormat)]
    public void a_bad_mother_or_mc_dob_rejects_the_header(string mother, string mcDob, string field, string rule)
    {
        var rejection = Map(Return(headers: [Girl("", mother, mcDob)], episodes: [Episode(1, "01/05/2024", "S")])).RejectionOf(ReturnFile.Header, 1);
        Assert.Equal((field, rule), (rejection.Field, rejection.Rule));
    }
}
