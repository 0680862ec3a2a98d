using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// The subject-access export as a page a person can read and print (<c>?format=html</c>): the same content as the JSON,
/// grouped by service, with the police disclosures and the reads after the events. Each event is named in words (its
/// stored type beneath, for the data protection officer) and its data is a definition list with each 903 code's
/// meaning beside it, so a child or care leaver can read it; the JSON keeps the codes as stored. Every value from the
/// record is HTML-encoded (free text in events is whatever the case system sent); the page loads nothing from anywhere.
/// </summary>
public static class SubjectAccessPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>The services in the order a reader meets a child's record, with the headings they see.</summary>
    private static readonly (string Service, string Heading)[] Sections =
    [
        ("placements", "Placements and care"), ("missing-episodes", "Missing from care"), ("reviews", "Reviews"),
        ("health", "Health"), ("leaving-care", "Leaving care"),
    ];

    public static string Render(SubjectAccessExport export)
    {
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Subject access export: ").Append(E(export.ChildId)).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:60rem}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}")
            .Append("th,td{border:1px solid #888;padding:.3rem .5rem;text-align:left;vertical-align:top}td dl{margin:0}dt{font-weight:600}dd{margin:0 0 .2rem 1rem}td ul{margin:0;padding-left:1.2rem}")
            .Append("@media print{body{margin:0}}</style></head><body><main>")
            .Append("<h1>Subject access export</h1><dl>");
        Term("Child", export.ChildId);
        Term("Local authority", export.Authority);
        Term("Exported at", Instant(export.ExportedAt));
        Term("Requested by", export.RequestedBy ?? "(not named by the token)");
        Term("Through", export.Client);
        page.Append("</dl>");

        foreach (var (service, heading) in Sections)
        {
            var events = export.Events.Where(e => e.Service == service).ToList();
            page.Append("<section><h2>").Append(E(heading)).Append("</h2>");
            if (events.Count == 0) { page.Append("<p>Nothing recorded.</p></section>"); continue; }
            page.Append("<table><caption>").Append(events.Count.ToString(CultureInfo.InvariantCulture)).Append(" recorded events</caption>")
                .Append("<thead><tr><th scope=\"col\">Recorded at</th><th scope=\"col\">What</th><th scope=\"col\">Details</th></tr></thead><tbody>");
            foreach (var e in events)
                page.Append("<tr><td>").Append(E(Instant(e.RecordedAt))).Append("</td><td>").Append(E(ReadableName(e.Type))).Append("<br><small>")
                    .Append(E(e.Type)).Append("<br>").Append(E(e.StreamId)).Append(" #").Append(e.Version.ToString(CultureInfo.InvariantCulture))
                    .Append("</small></td><td>").Append(Details(e.Type, e.Data)).Append("</td></tr>");
            page.Append("</tbody></table></section>");
        }

        page.Append("<section><h2>Alerts sent to the police</h2><p>Alerts name the child only by a reference of the force's own; every alert ")
            .Append("queued about the child is listed for as long as the record is kept.</p>");
        if (export.PoliceDisclosures.Count == 0) page.Append("<p>None held.</p>");
        else
        {
            page.Append("<table><thead><tr><th scope=\"col\">Queued at</th><th scope=\"col\">Sent at</th><th scope=\"col\">Force</th>")
                .Append("<th scope=\"col\">Alert</th><th scope=\"col\">Risk</th></tr></thead><tbody>");
            foreach (var d in export.PoliceDisclosures)
                page.Append("<tr><td>").Append(E(Instant(d.QueuedAt))).Append("</td><td>")
                    .Append(E(d.SentAt is { } sent ? Instant(sent) : d.ParkedAt is { } parked ? $"not sent (held since {Instant(parked)})" : "not yet sent"))
                    .Append("</td><td>").Append(E(d.Force)).Append("</td><td>").Append(E(d.Kind)).Append("</td><td>").Append(E(d.RiskLevel)).Append("</td></tr>");
            page.Append("</tbody></table>");
        }
        page.Append("</section>");

        page.Append("<section><h2>Who has read these records</h2>");
        if (export.Reads.Count == 0) page.Append("<p>No reads recorded.</p>");
        else
        {
            page.Append("<table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">Through</th><th scope=\"col\">What</th></tr></thead><tbody>");
            foreach (var r in export.Reads)
                page.Append("<tr><td>").Append(E(Instant(r.ReadAt))).Append("</td><td>").Append(E(r.EndUser ?? "(not named)")).Append("</td><td>")
                    .Append(E(r.Client)).Append("</td><td>").Append(E(r.What)).Append("</td></tr>");
            page.Append("</tbody></table>");
        }
        page.Append("</section></main></body></html>");
        return page.ToString();

        void Term(string term, string value) => page.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
    }

    /// <summary>What a stored event type says, in words: "placements.child-entered-care.v1" is "Child entered care".
    /// A type not of the form service.event-name.vN is shown as stored.</summary>
    public static string ReadableName(string storedType)
    {
        var name = SubjectAccessCodes.EventName(storedType);
        var dot = name.IndexOf('.');
        return dot > 0 && dot < name.Length - 1 && name != storedType ? Sentence(name[(dot + 1)..].Split('-', StringSplitOptions.RemoveEmptyEntries)) : storedType;
    }

    /// <summary>An event's data as a definition list, HTML-encoded: fields in words, nested records as nested lists,
    /// arrays as lists, null as "not recorded", true/false as Yes/No, and each code of a coded field with its meaning
    /// (<see cref="SubjectAccessCodes"/>). Sealed text comes opened, or "[erased]", and is shown as it is.</summary>
    public static string Details(string storedType, JsonElement data)
    {
        var html = new StringBuilder();
        Value(data, "");
        return html.ToString();

        void Value(JsonElement value, string path)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object when value.EnumerateObject().Any():
                    html.Append("<dl>");
                    // The date an event took effect first: the base record's date is serialised after the other fields.
                    foreach (var field in value.EnumerateObject().OrderBy(f => path.Length == 0 && f.Name == "date" ? 0 : 1))
                    {
                        html.Append("<dt>").Append(E(FieldName(field.Name))).Append("</dt><dd>");
                        Value(field.Value, path.Length == 0 ? field.Name : $"{path}.{field.Name}");
                        html.Append("</dd>");
                    }
                    html.Append("</dl>");
                    break;
                case JsonValueKind.Array when value.GetArrayLength() > 0:
                    html.Append("<ul>");
                    foreach (var item in value.EnumerateArray())
                    {
                        html.Append("<li>");
                        Value(item, path);
                        html.Append("</li>");
                    }
                    html.Append("</ul>");
                    break;
                case JsonValueKind.Object or JsonValueKind.Array: html.Append("none"); break;
                case JsonValueKind.True: html.Append("Yes"); break;
                case JsonValueKind.False: html.Append("No"); break;
                case JsonValueKind.String:
                    var text = value.GetString()!;
                    html.Append(E(text));
                    // The dash is the page's own, so not encoded; the meaning is from the code lists.
                    if (SubjectAccessCodes.MeaningOf(storedType, path, text) is { } meaning) html.Append(" — ").Append(E(meaning));
                    break;
                case JsonValueKind.Number: html.Append(E(value.GetRawText())); break;
                default: html.Append(NotRecorded); break;
            }
        }
    }

    private const string NotRecorded = "not recorded";

    /// <summary>"legalStatus" is "Legal status", "within72Hours" "Within 72 hours", "iroId" "IRO id".</summary>
    public static string FieldName(string jsonName)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= jsonName.Length; i++)
            if (i == jsonName.Length || char.IsUpper(jsonName[i]) || char.IsAsciiDigit(jsonName[i]) != char.IsAsciiDigit(jsonName[i - 1]))
            {
                words.Add(jsonName[start..i]);
                start = i;
            }
        return Sentence(words);
    }

    /// <summary>Words as a sentence: the first capitalised, the rest lower case, the suite's abbreviations in capitals.</summary>
    private static string Sentence(IEnumerable<string> words) =>
        string.Join(' ', words.Select((w, i) => Abbreviations.Contains(w) ? w.ToUpperInvariant()
            : i == 0 ? string.Concat(w[..1].ToUpperInvariant(), w[1..].ToLowerInvariant()) : w.ToLowerInvariant()));

    /// <summary>Abbreviations a reader knows in capitals (independent reviewing officer, unique pupil number, ...).</summary>
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase) { "iro", "sdq", "uasc", "upn", "urn", "id" };

    private static string E(string text) => Html.Encode(text);

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
