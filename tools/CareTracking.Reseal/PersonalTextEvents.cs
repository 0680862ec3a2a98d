using System.Reflection;
using System.Text.RegularExpressions;
using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Privacy;

namespace CareTracking.Reseal;

/// <summary>An event type, by its stored name, and where its personal text is in the stored JSON.</summary>
internal sealed record PersonalTextEvent(string StoredName, IReadOnlyList<string[]> Paths)
{
    /// <summary>
    /// Every stored event type of the services that has <see cref="PersonalTextAttribute"/> properties, found by
    /// reflection as <see cref="Sealing"/> finds them (<see cref="Sealing.PersonalTextPaths"/>): nothing is listed by
    /// hand, so a field marked later is re-sealed too. A stored name declared by several services (one's copy of
    /// another's event) gets the paths any of them marks.
    /// </summary>
    public static IReadOnlyList<PersonalTextEvent> Find(IEnumerable<Assembly> services) =>
        [.. services.SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Name: t.GetCustomAttribute<EventTypeAttribute>()?.StoredName))
            .Where(x => x.Name is not null)
            .Select(x => (Name: x.Name!, Paths: Sealing.PersonalTextPaths(x.Type, EventTypeRegistry.Json.PropertyNamingPolicy)))
            .Where(x => x.Paths.Count > 0)
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .Select(g => new PersonalTextEvent(g.Key, [.. g.SelectMany(x => x.Paths).DistinctBy(p => string.Join('/', p))]))
            .OrderBy(e => e.StoredName, StringComparer.Ordinal)];

    /// <summary>The services whose events are searched: each one that declares events.</summary>
    public static readonly Assembly[] Services =
    [
        typeof(Placements.Children.ChildEnteredCare).Assembly,
        typeof(MissingEpisodes.Episodes.MissingEpisodeReported).Assembly,
        typeof(Reviews.Children.ReviewCancelled).Assembly,
        typeof(Health.Children.CarePeriodNoted).Assembly,
        typeof(LeavingCare.CareLeavers.CarePeriodNoted).Assembly,
    ];

    private static readonly Regex Name = new("^[A-Za-z_][A-Za-z0-9_]*$");

    /// <summary>SQL true when <paramref name="data"/> (a jsonb column) of an event of this type holds personal text in
    /// plain at one of the paths: a string, not <c>ct-sealed:...</c>. The names come from reflection, checked to be
    /// identifiers before they are put in the SQL; the stored name is a parameter.</summary>
    public string PlainSql(string data, string type, string typeParameter) =>
        $"({type} = @{typeParameter} and ({string.Join(" or ", Paths.Select(p => PlainAtSql(data, p)))}))";

    /// <summary>How many plain values an event's <paramref name="data"/> holds (0 to the number of paths).</summary>
    public string PlainCountSql(string data) => string.Join(" + ", Paths.Select(p => $"({PlainAtSql(data, p)})::int"));

    private static string PlainAtSql(string data, string[] path)
    {
        foreach (var name in path)
            if (!Name.IsMatch(name)) throw new InvalidOperationException($"A personal text property is named '{name}', which is not an identifier.");
        var literal = "'{" + string.Join(',', path) + "}'";
        return $"(jsonb_typeof({data} #> {literal}) = 'string' and not starts_with({data} #>> {literal}, '{SealedText.Prefix}'))";
    }
}
