namespace CareTracking.EventStore;

public static class Authorities
{
    /// <summary>An authority is a three-digit DfE LA code such as 831 (Derby).</summary>
    public static string Validate(string authority) =>
        authority is { Length: 3 } && authority.All(char.IsAsciiDigit)
            ? authority
            : throw new ArgumentException("An authority must be a three-digit LA code.", nameof(authority));
}
