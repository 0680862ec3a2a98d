using System.Text.RegularExpressions;

namespace CareTracking.MissingEpisodes.Police;

/// <summary>
/// Reference data: which police force an alert goes to. The placement's postcode area decides (the force
/// whose area the child is placed in); when that area is missing or not listed, the responsible authority's
/// LA code decides; failing both the alert goes to <see cref="Unmapped"/>, which an operator's queue binds so
/// nothing is dropped. The table is a CSV (columns kind,key,force; kind is "area" or "authority"; lines
/// starting with # are comments). The built-in table is Police/police-forces.csv, embedded in the assembly
/// and also copied to the output folder as a starting point for a local override.
/// </summary>
public sealed partial class PoliceForces
{
    public const string Unmapped = "unmapped";
    const string Header = "kind,key,force";

    readonly IReadOnlyDictionary<string, string> byArea;
    readonly IReadOnlyDictionary<string, string> byAuthority;

    PoliceForces(IReadOnlyDictionary<string, string> byArea, IReadOnlyDictionary<string, string> byAuthority)
    {
        this.byArea = byArea;
        this.byAuthority = byAuthority;
    }

    public static PoliceForces BuiltIn { get; } = LoadBuiltIn();

    /// <summary>The key the forces' pseudonymous child references are made with (<see cref="ChildRefKey"/>);
    /// the development key unless <see cref="WithChildRefKey"/> gave another.</summary>
    public ChildRefKey ChildRefs { get; private init; } = ChildRefKey.Development;

    public PoliceForces WithChildRefKey(ChildRefKey key) => new(byArea, byAuthority) { ChildRefs = key };

    public IReadOnlyDictionary<string, string> Areas => byArea;

    public IReadOnlyDictionary<string, string> Authorities => byAuthority;

    public static PoliceForces LoadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Load(reader);
    }

    /// <exception cref="FormatException">The CSV is not in the documented form; the message names the line.</exception>
    public static PoliceForces Load(TextReader csv)
    {
        var byArea = new Dictionary<string, string>(StringComparer.Ordinal);
        var byAuthority = new Dictionary<string, string>(StringComparer.Ordinal);
        var headerSeen = false;
        var lineNumber = 0;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            if (!headerSeen)
            {
                if (!string.Equals(text.Replace(" ", ""), Header, StringComparison.OrdinalIgnoreCase))
                    throw new FormatException($"Line {lineNumber}: expected the header \"{Header}\".");
                headerSeen = true;
                continue;
            }

            var cells = text.Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != 3)
                throw new FormatException($"Line {lineNumber}: expected 3 columns (kind,key,force), found {cells.Length}.");
            var (kind, key, force) = (cells[0].ToLowerInvariant(), cells[1], cells[2]);
            if (!ForceKey().IsMatch(force))
                throw new FormatException($"Line {lineNumber}: force \"{force}\" is not a lower-kebab force name.");
            var table = kind switch
            {
                "area" => byArea,
                "authority" => byAuthority,
                _ => throw new FormatException($"Line {lineNumber}: kind must be \"area\" or \"authority\", not \"{cells[0]}\"."),
            };
            var normalisedKey = kind == "area" ? NormaliseArea(key) : key;
            if (string.IsNullOrEmpty(normalisedKey) || (kind == "area" && normalisedKey != key.ToUpperInvariant()))
                throw new FormatException($"Line {lineNumber}: \"{key}\" is not a postcode area (one or two letters).");
            if (!table.TryAdd(normalisedKey, force))
                throw new FormatException($"Line {lineNumber}: {kind} \"{key}\" is listed twice.");
        }

        if (!headerSeen) throw new FormatException($"The table is empty; expected the header \"{Header}\".");
        return new PoliceForces(byArea, byAuthority);
    }

    /// <summary>The force for a placement area, else for the authority, else <see cref="Unmapped"/>.</summary>
    public string RoutingKeyFor(string? placementArea, string? authority) =>
        ForArea(placementArea) ?? ForAuthority(authority) ?? Unmapped;

    public string? ForArea(string? placementArea) =>
        NormaliseArea(placementArea) is { Length: > 0 } area && byArea.TryGetValue(area, out var force) ? force : null;

    public string? ForAuthority(string? authority) =>
        authority is not null && byAuthority.TryGetValue(authority.Trim(), out var force) ? force : null;

    /// <summary>The postcode area of an area, district or full postcode: its leading letters ("DE22 3AB" → "DE").</summary>
    public static string? NormaliseArea(string? postcode)
    {
        if (postcode is null) return null;
        var letters = new string(postcode.Trim().TakeWhile(char.IsAsciiLetter).ToArray()).ToUpperInvariant();
        return letters.Length is 1 or 2 ? letters : null;
    }

    static PoliceForces LoadBuiltIn()
    {
        using var stream = typeof(PoliceForces).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"The built-in table {BuiltInResource} is not embedded.");
        using var reader = new StreamReader(stream);
        return Load(reader);
    }

    const string BuiltInResource = "CareTracking.MissingEpisodes.Police.police-forces.csv";

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex ForceKey();
}
