using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Placements.Children.EnteringCare;

/// <summary>
/// The 903 header facts an entry to care may carry, checked for what cannot be true whatever the case system holds
/// ([V903] rule 165 and the MC_DOB rules): MOTHER is asked only of girls; MC_DOB only of a girl who is a mother, and
/// falls after her own birth and not in the future. The UPN is taken as the case system holds it, even of a shape the
/// DfE refuses (rule 168): the school's number is what it is, and the return's check reports it for correction at
/// source. Whether the facts are given at all is the return's check too (rules 442, 393, 607): a case system may not
/// know them on the day care begins.
/// </summary>
public static class HeaderRules
{
    public static void Require(ChildDetails child, DateTimeOffset now)
    {
        if (child.Mother is not null && child.Sex != "F")
            throw new RuleViolation("child.mother", "903-rule-165", "MOTHER is recorded only for girls.");
        if (child.MotherChildDateOfBirth is { } born)
        {
            if (child.Mother != true)
                throw new RuleViolation("child.motherChildDateOfBirth", "mother-child-dob.not-a-mother",
                    "MC_DOB is the date of birth of the child of a girl who is a mother (mother true).");
            if (born <= child.DateOfBirth)
                throw new RuleViolation("child.motherChildDateOfBirth", "mother-child-dob.before-birth",
                    "MC_DOB must fall after the girl's own date of birth.");
            CareRules.RequireNotInFuture(born, now, "child.motherChildDateOfBirth");
        }
    }
}
