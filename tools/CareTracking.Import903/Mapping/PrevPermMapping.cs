using CareTracking.Import903.ReturnFiles;
using CareTracking.Ssda903.Codes;
using CareTracking.Ssda903.Permanence;
using static CareTracking.Import903.Mapping.ImportRules;

namespace CareTracking.Import903.Mapping;

/// <summary>
/// A child's previous_permanence.csv row to the entry to care it belongs to. The file has one row per child and no
/// date of its own; the 903 asks it of children who started to be looked after in the year (validator rules 630 and
/// 634, one row per child INT35), so it belongs to the child's latest episode with RNE S whose DECOM falls in the
/// collection year, and travels in that entry's <c>previousPermanence</c> (Placements records it on the entry to care).
/// A row with no such episode, a second row for the child, a blank PREV_PERM or a DATE_PERM of no known shape is
/// reported; the codes themselves are Placements' to judge.
/// </summary>
public static class PrevPermMapping
{
    public static PrevPermFacts? Map(IReadOnlyList<PrevPermRecord> rows, IReadOnlyList<EpisodeRecord> episodes, CollectionYear? collectionYear,
        List<RowRejection> rejections)
    {
        PrevPermFacts? facts = null;
        foreach (var (r, i) in rows.Select((r, i) => (r, i)))
        {
            var date = r.DatePerm.Length == 0 ? null : PreviousPermanenceDate.FromCell(r.DatePerm);
            var start = collectionYear is { } year
                ? episodes.Where(e => e.Rne == "S" && ReturnValues.Date(e.Decom) is { } d && d >= year.FirstDay && d <= year.LastDay)
                    .OrderBy(e => ReturnValues.Date(e.Decom)).ThenBy(e => e.Row.Number).LastOrDefault()
                : null;
            RowRejection? rejection =
                i > 0 ? Reject(r, "CHILD", DuplicatePrevPerm, $"child {r.Child} already has a row of {ReturnFile.PrevPerm} at {rows[0].Row} (one row per child).")
                : r.PrevPerm.Length == 0 ? Reject(r, "PREV_PERM", CodeUnknown, "PREV_PERM is blank.")
                : r.DatePerm.Length > 0 && date is null ? Reject(r, "DATE_PERM", DateFormat, $"DATE_PERM '{r.DatePerm}' is not dd/mm/yyyy, zz/mm/yyyy or zz/zz/yyyy.")
                : collectionYear is not { } y ? Reject(r, "CHILD", YearUnknown, "the return's collection year is not known: it has no dated episode, review or missing row; pass --year.")
                : start is null ? Reject(r, "CHILD", NoStartInYear,
                    $"no episode of the child with RNE S begins in the collection year {y.FirstDay:yyyy}/{y.LastDay:yy}: previous permanence is returned for the latest period of care begun in the year.")
                : null;
            if (rejection is not null)
            {
                rejections.Add(rejection);
                continue;
            }
            facts = new PrevPermFacts(r.Row, start!.Row, new PreviousPermanenceBody(r.PrevPerm, date, ReturnValues.Blank(r.LaPerm)));
        }
        return facts;
    }
}
