namespace CareTracking.Indicators.Measures;

/// <summary>
/// The twelve months a committee report covers, From..To inclusive, with the snapshot ("as at") taken
/// on To. KnownAt, when set, says the histories were built only from events recorded by that instant;
/// the projection applies it, the report prints it.
/// </summary>
public sealed record ReportWindow
{
    private ReportWindow(DateOnly from, DateOnly to)
    {
        From = from;
        To = to;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public DateOnly AsAt => To;

    public DateTimeOffset? KnownAt { get; init; }

    /// <summary>The collection year ending 31 March of <paramref name="yearEnding"/>.</summary>
    public static ReportWindow ForYear(int yearEnding) =>
        new(new DateOnly(yearEnding - 1, 4, 1), new DateOnly(yearEnding, 3, 31));

    /// <summary>The twelve months ending on <paramref name="asAt"/>.</summary>
    public static ReportWindow EndingOn(DateOnly asAt) => new(asAt.AddYears(-1).AddDays(1), asAt);

    /// <summary>The collection year (named by the 31 March it ends on) that contains AsAt.</summary>
    public int CollectionYear => AsAt.Month >= 4 ? AsAt.Year + 1 : AsAt.Year;

    public bool Contains(DateOnly date) => date >= From && date <= To;
}
