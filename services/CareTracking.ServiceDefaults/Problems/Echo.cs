using System.Text.RegularExpressions;

namespace CareTracking.ServiceDefaults.Problems;

/// <summary>
/// What a problem may repeat of the caller's input, at the start of its sentence: a short code as given (which code
/// was wrong is what an integrator needs), anything else as "The value given". A field meant for a code can still
/// carry a name or a pasted note by mistake; the answer then neither repeats it nor grows with it (issue 10, item 10).
/// </summary>
public static partial class Echo
{
    public static string Code(string? value) =>
        value is not null && ShortCode().IsMatch(value) ? $"'{value}'" : "The value given";

    [GeneratedRegex("^[A-Za-z0-9_./-]{1,16}$")]
    private static partial Regex ShortCode();
}
