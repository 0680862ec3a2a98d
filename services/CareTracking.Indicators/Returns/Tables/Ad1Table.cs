using System.Globalization;
using CareTracking.Indicators.Measures;

namespace CareTracking.Indicators.Returns.Tables;

/// <summary>AD1: a row for each child of the return adopted in the year (a period of care ending with REC E11 or E12
/// from 1 April to 31 March, the adoptions the scorecard counts), with the match that adoption followed as
/// Placements' adoption facts give it (ChildHistory.Permanence.Matches): DATE_INT the decision the match followed,
/// DATE_MATCH, FOSTER_CARE 1/0, NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR. An adoption with no match recorded has those
/// cells empty, for the validator to report rather than for us to guess.</summary>
public sealed class Ad1Table : IReturnTable
{
    public string File => "ad1.csv";
    public string Name => "AD1";
    public IReadOnlyList<string> Columns { get; } = ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"];
    public string? NotProducedBecause => null;

    public IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort) =>
    [
        .. cohort.Children
            .Select(c => (Child: c, Adoption: AdoptionIndicators.AdoptionsOf(c.History)
                .LastOrDefault(p => p.End >= cohort.Year.Start && p.End <= cohort.Year.End)))
            .Where(c => c.Adoption is not null)
            .Select(c => (c.Child, Match: AdoptionIndicators.MatchOf(c.Child.History, c.Adoption!)))
            .Select(c => new ReturnRow(c.Child.ChildId,
            [
                c.Child.ChildId, ReturnYear.Date(c.Child.DateOfBirth), ReturnYear.Date(c.Match?.DateInt), ReturnYear.Date(c.Match?.DateMatch),
                c.Match is null ? "" : c.Match.FosterCare ? "1" : "0",
                c.Match?.NumberOfAdopters.ToString(CultureInfo.InvariantCulture) ?? "", c.Match?.AdopterSex ?? "", c.Match?.AdopterLegalStatus ?? "",
            ])),
    ];
}
