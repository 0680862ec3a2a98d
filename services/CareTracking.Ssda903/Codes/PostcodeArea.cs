namespace CareTracking.Ssda903.Codes;

/// <summary>
/// The postcode area: the one or two letters a UK postcode begins with ("DE22 3NE" is in area "DE",
/// "B1 1AA" in "B"). Integration messages carry the area, never the full postcode.
/// </summary>
public static class PostcodeArea
{
    public static string? Of(string? postcode)
    {
        if (string.IsNullOrWhiteSpace(postcode)) return null;
        var trimmed = postcode.Trim();
        var length = 0;
        while (length < trimmed.Length && length < 2 && char.IsAsciiLetter(trimmed[length])) length++;
        return length == 0 ? null : trimmed[..length].ToUpperInvariant();
    }
}
