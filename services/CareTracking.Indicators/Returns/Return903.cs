using CareTracking.Indicators.Committee;

namespace CareTracking.Indicators.Returns;

/// <summary>A table of the return with its rows, or with the reason it is not produced.</summary>
public sealed record ReturnTableRows(IReturnTable Table, IReadOnlyList<ReturnRow> Rows)
{
    public bool Produced => Table.NotProducedBecause is null;
}

/// <summary>The 903 return of one authority for one year, as known at an instant: every table's rows.</summary>
public sealed record Return903(ReturnYear Year, DateTimeOffset? KnownAt, ReturnCohort Cohort, IReadOnlyList<ReturnTableRows> Tables)
{
    public static Return903 Build(ReturnYear year, DateTimeOffset? knownAt, IEnumerable<ChildRecord> records)
    {
        var cohort = ReturnCohort.Of(year, records);
        return new Return903(year, knownAt, cohort, [.. ReturnTables.Of(year).Select(t => new ReturnTableRows(t, t.Rows(cohort)))]);
    }

    public ReturnTableRows Table(string name) => Tables.Single(t => t.Table.Name == name);

    public IEnumerable<IReturnTable> NotProduced => Tables.Where(t => !t.Produced).Select(t => t.Table);
}
