namespace CareTracking.Indicators.Measures;

/// <summary>
/// The date of an instant as people in England read it (GMT in winter, BST in summer): a child last seen
/// at 23:30 UTC on 31 March in summer time went missing on 1 April.
/// </summary>
public static class UkLocalDate
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Of(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);
}
