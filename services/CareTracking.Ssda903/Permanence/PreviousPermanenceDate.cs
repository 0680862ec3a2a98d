using System.Globalization;

namespace CareTracking.Ssda903.Permanence;

/// <summary>
/// PrevPerm's DATE_PERM, which the 903 lets an authority give as precisely as it knows it: dd/mm/yyyy, zz/mm/yyyy
/// (month known) or zz/zz/yyyy (year known) ([V903] config.py; ssda903.md "Adoption tables"). Placements holds it
/// as YYYY-MM-DD, YYYY-MM or YYYY. Both directions live here so that the export and the importer agree.
/// </summary>
public static class PreviousPermanenceDate
{
    /// <summary>The 903 cell of a held date: "2019-05-03" → 03/05/2019, "2019-05" → zz/05/2019, "2019" → zz/zz/2019;
    /// null (or a value of no known shape) → "".</summary>
    public static string ToCell(string? held)
    {
        if (held is null) return "";
        if (DateOnly.TryParseExact(held, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        if (held.Length == 7 && DateOnly.TryParseExact(held, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            return $"zz/{month:MM}/{month:yyyy}";
        if (held.Length == 4 && held.All(char.IsAsciiDigit)) return $"zz/zz/{held}";
        return "";
    }

    /// <summary>The held form of a 903 cell (d/m/yyyy is read as a spreadsheet writes it; "zz" in either case); null when
    /// the cell is not one of the three shapes.</summary>
    public static string? FromCell(string cell)
    {
        var parts = cell.Trim().Split('/');
        if (parts.Length != 3 || parts[2].Length != 4 || !parts[2].All(char.IsAsciiDigit)) return null;
        var (day, month, year) = (parts[0].ToLowerInvariant(), parts[1].ToLowerInvariant(), int.Parse(parts[2], CultureInfo.InvariantCulture));
        if (year < 1) return null;
        if (day == "zz" && month == "zz") return $"{year:D4}";
        if (!int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m is < 1 or > 12 || month.Length > 2) return null;
        if (day == "zz") return $"{year:D4}-{m:D2}";
        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || day.Length > 2 || d < 1 || d > DateTime.DaysInMonth(year, m)) return null;
        return $"{year:D4}-{m:D2}-{d:D2}";
    }
}
