namespace CareTracking.ServiceDefaults.OpenApi;

/// <summary>The property (as it is written in JSON) of a request or answer type that takes a code from a list.</summary>
public sealed record CodeField(Type Type, string Property, string ListName, IReadOnlyList<CodeDoc> Codes)
{
    public static CodeField Of<T>(string property, string listName, IEnumerable<CodeDoc> codes) => new(typeof(T), property, listName, codes.ToList());

    public static CodeField Of<T>(string property, string listName, params string[] codes) =>
        new(typeof(T), property, listName, codes.Select(c => new CodeDoc(c)).ToList());

    public static CodeField Of<T>(string property, string listName, IEnumerable<KeyValuePair<string, string>> meanings) =>
        new(typeof(T), property, listName, meanings.Select(m => new CodeDoc(m.Key, m.Value)).ToList());
}
