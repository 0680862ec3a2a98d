using System.Globalization;
using CareTracking.Ssda903.Codes;

namespace CareTracking.Indicators.Returns;

/// <summary>
/// The 903 collection year a return covers, named as the API names it: the year of the 31 March it ends on
/// (2023 is 1 April 2022 to 31 March 2023, the 2022/23 return). The return is the year's picture as at its
/// last day: what happened after 31 March is not in it (docs/return-903.md, "Which rows").
/// </summary>
public sealed record ReturnYear(int EndYear)
{
    public CollectionYear Collection => new(EndYear - 1);
    public DateOnly Start => Collection.FirstDay;
    public DateOnly End => Collection.LastDay;

    /// <summary>SEX is 1/2 up to 2023/24 and M/F/U from 2024/25 (validator rule 101 of each year).</summary>
    public bool SexAsLetters => Collection.StartYear >= 2024;

    /// <summary>The suite holds SEX as M/F/U; before 2024/25 M and F are written 1 and 2. U has no code in those
    /// years and is written as held, for the check to report (rule 101).</summary>
    public string Sex(string? sex) => SexAsLetters ? sex ?? "" : sex switch
    {
        "M" => "1",
        "F" => "2",
        _ => sex ?? "",
    };

    /// <summary>The 903's date format, dd/mm/yyyy; an empty cell for no date.</summary>
    public static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public bool Overlaps(DateOnly from, DateOnly? to) => from <= End && (to is not { } until || until >= Start);

    /// <summary>A date after the year's end is not known to the return: the cell is empty (still open at 31 March).</summary>
    public DateOnly? KnownByEnd(DateOnly? date) => date is { } d && d <= End ? d : null;
}
