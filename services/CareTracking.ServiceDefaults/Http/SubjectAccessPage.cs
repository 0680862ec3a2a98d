using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// The subject-access export as a page a person can read and print (<c>?format=html</c>): the same content as the JSON,
/// grouped by service, with the police disclosures and the reads after the events. Every value from the record is
/// HTML-encoded (free text in events is whatever the case system sent); the page loads nothing from anywhere.
/// </summary>
public static class SubjectAccessPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

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
            .Append("th,td{border:1px solid #888;padding:.3rem .5rem;text-align:left;vertical-align:top}pre{white-space:pre-wrap;margin:0;font-size:.85rem}")
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
                page.Append("<tr><td>").Append(E(Instant(e.RecordedAt))).Append("</td><td>").Append(E(e.Type)).Append("<br><small>")
                    .Append(E(e.StreamId)).Append(" #").Append(e.Version.ToString(CultureInfo.InvariantCulture)).Append("</small></td><td><pre>")
                    .Append(E(JsonSerializer.Serialize(e.Data, Indented))).Append("</pre></td></tr>");
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

    private static string E(string text) => Html.Encode(text);

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
