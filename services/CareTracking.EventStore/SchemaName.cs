namespace CareTracking.EventStore;

internal static class SchemaName
{
    public static string Validate(string schema) =>
        System.Text.RegularExpressions.Regex.IsMatch(schema, "^[a-z_][a-z0-9_]{0,62}$")
            ? schema
            : throw new ArgumentException($"Schema name '{schema}' must be lower-case letters, digits and underscores.");
}
