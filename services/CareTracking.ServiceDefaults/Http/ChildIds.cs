using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.ServiceDefaults.Http;

public static class ChildIds
{
    /// <summary>A child id is the case system's reference (903 CHILD): 1–64 letters, digits, '-' or '_', so it
    /// can never clash with a stream-id prefix such as "reviews:" (docs/streams.md).</summary>
    public static string Validate(string? childId) =>
        childId is { Length: > 0 and <= 64 } && childId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? childId
            : throw new RuleViolation("childId", "child-id.format", "A child id is 1 to 64 letters, digits, '-' or '_'.");
}
