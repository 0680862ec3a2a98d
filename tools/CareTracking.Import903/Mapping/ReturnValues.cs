using System.Globalization;

namespace CareTracking.Import903.Mapping;

/// <summary>Reading the 903's own value formats.</summary>
public static class ReturnValues
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>A 903 date: dd/mm/yyyy (a spreadsheet's d/m/yyyy is read too).</summary>
    public static DateOnly? Date(string value) =>
        DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>SEX: 1 (male) and 2 (female) up to 2023/24 become M and F; M, F and U (from 2024/25) are kept.</summary>
    public static string? Sex(string value) => value switch
    {
        "1" => "M",
        "2" => "F",
        "M" or "F" or "U" => value,
        _ => null,
    };

    public static string? Blank(string value) => value.Length == 0 ? null : value;

    /// <summary>A 0/1 flag such as MOTHER; 1.0 and 0.0 as a spreadsheet or pandas writes them are read too. Null when
    /// blank or not a flag.</summary>
    public static bool? Flag(string value) => value switch
    {
        "1" or "1.0" => true,
        "0" or "0.0" => false,
        _ => null,
    };
}
