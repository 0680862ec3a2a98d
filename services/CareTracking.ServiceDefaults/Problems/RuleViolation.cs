namespace CareTracking.ServiceDefaults.Problems;

/// <summary>
/// A command broke a domain rule. Thrown by pure deciders; mapped once, in ServiceDefaults, to an RFC 7807
/// problem-details answer (422) that names the field and the rule. Nothing is appended.
/// </summary>
/// <param name="Field">The request field at fault, as the client sent it (camelCase path, e.g. "placement.type").</param>
/// <param name="Rule">A stable rule identifier, e.g. "placement.age-limit" or "903-rule-383".</param>
/// <param name="Detail">A sentence for a person: what was wrong and what is allowed.</param>
public sealed class RuleViolation(string field, string rule, string detail) : Exception(detail)
{
    public string Field { get; } = field;
    public string Rule { get; } = rule;
    public string Detail { get; } = detail;
}
