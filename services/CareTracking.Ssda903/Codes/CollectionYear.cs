namespace CareTracking.Ssda903.Codes;

/// <summary>
/// The 903 collection year: 1 April to 31 March, named by the calendar year it starts in
/// (2024 is "2024/25", 1 April 2024 .. 31 March 2025). Code lists change between collection years.
/// </summary>
public readonly record struct CollectionYear(int StartYear) : IComparable<CollectionYear>
{
    public static CollectionYear Of(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    public DateOnly FirstDay => new(StartYear, 4, 1);

    public DateOnly LastDay => new(StartYear + 1, 3, 31);

    public bool Contains(DateOnly date) => Of(date) == this;

    public int CompareTo(CollectionYear other) => StartYear.CompareTo(other.StartYear);

    public static bool operator <(CollectionYear left, CollectionYear right) => left.StartYear < right.StartYear;
    public static bool operator >(CollectionYear left, CollectionYear right) => left.StartYear > right.StartYear;
    public static bool operator <=(CollectionYear left, CollectionYear right) => left.StartYear <= right.StartYear;
    public static bool operator >=(CollectionYear left, CollectionYear right) => left.StartYear >= right.StartYear;

    public override string ToString() => $"{StartYear}/{(StartYear + 1) % 100:D2}";
}
