using CareTracking.MissingEpisodes.Police;

namespace CareTracking.IntegrationTests.Missing;

/// <summary>The child references the police see (issue 10, item 11): a pseudonym per force, made in the Testing
/// environment with the development key, so a test can say which child an alert or outbox row is about.</summary>
public static class PoliceRefs
{
    private static readonly string[] Forces =
        [.. PoliceForces.BuiltIn.Areas.Values.Concat(PoliceForces.BuiltIn.Authorities.Values).Append(PoliceForces.Unmapped).Distinct()];

    public static string For(string force, string authority, string childId) => ChildRefKey.Development.For(force, authority, childId);

    /// <summary>An SQL condition on an outbox row: its alert is about one of <paramref name="childIds"/> of one of
    /// <paramref name="authorities"/>, whichever force it went to.</summary>
    public static string SqlAbout(IEnumerable<string> childIds, params string[] authorities)
    {
        var refs = from child in childIds
                   from authority in authorities.Length == 0 ? ["830", "831", "855"] : authorities
                   from force in Forces
                   select $"'{For(force, authority, child)}'";
        return $"body->>'childRef' in ({string.Join(",", refs)})";
    }

    public static string SqlAbout(string childId) => SqlAbout([childId]);
}
