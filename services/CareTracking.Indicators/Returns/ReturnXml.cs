using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CareTracking.Indicators.Returns;

/// <summary>
/// The return in the DfE's XML layout, EXPSSDA903 ("Expanded SSDA903 Return", XSD version 3.3.0): one CHILD per header
/// row, holding a HEADER and the child's EPISODEs, with the same cells as the CSV files (docs/return-903.md, "XML").
/// Element names and their order are the schema's; the DfE validator's XML reader (csc-validator-be-903,
/// lac_validator/ingress.py) reads them back into the same tables as the CSV files. SWEpisodes (2023/24 on) has no
/// element in that schema, so it is only in the zip (<see cref="NotInXml"/>). <see cref="Read"/> turns a document back
/// into the tables' rows, so a test can hold the XML to the CSV files.
/// </summary>
public static class ReturnXml
{
    public const string ContentType = "application/xml";

    // HEADER's sequence in the schema: the child and its UASC flag, AD1's cells, OC3's, the repeating missing and
    // review elements, MOTHER and MC_DOB, PrevPerm, OC2, and the repeating decisions to place for adoption.
    private static readonly string[] ChildItems = ["CHILD", "UPN", "SEX", "DOB", "ETHNIC"];
    private static readonly string[] Ad1Items = ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"];
    private static readonly string[] Oc3Items = ["IN_TOUCH", "ACTIV", "ACCOM"];
    private static readonly string[] MissingItems = ["MISSING", "MIS_START", "MIS_END"];
    private static readonly string[] ReviewItems = ["REVIEW", "REVIEW_CODE"];
    private static readonly string[] MotherItems = ["MOTHER", "MC_DOB"];
    private static readonly string[] PermanenceItems = ["PREV_PERM", "LA_PERM", "DATE_PERM"];
    private static readonly string[] Oc2Items =
        ["SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"];
    private static readonly string[] PlacedItems = ["DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"];

    /// <summary>EPISODE's sequence (PLACE is called PL in the XML).</summary>
    private static readonly string[] EpisodeItems = ["DECOM", "RNE", "LS", "CIN", "PLACE", "PL_POST", "HOME_POST", "URN", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE"];

    private static string ElementName(string column) => column switch
    {
        "CHILD" => "CHILDID",
        "PLACE" => "PL",
        _ => column,
    };

    private static string ColumnName(string element) => element switch
    {
        "CHILDID" => "CHILD",
        "PL" => "PLACE",
        _ => element,
    };

    /// <summary>The produced tables the schema has no element for.</summary>
    public static IReadOnlyList<IReturnTable> NotInXml(Return903 ret) =>
        [.. ret.Tables.Where(t => t.Produced && t.Table.Name == "SWEpisodes").Select(t => t.Table)];

    public static byte[] Write(Return903 ret)
    {
        var tables = ret.Tables.Where(t => t.Produced).ToDictionary(t => t.Table.Name, t => (t.Table.Columns, ByChild: t.Rows.ToLookup(r => r.Child)));
        IEnumerable<Dictionary<string, string>> RowsOf(string table, string child) =>
            tables.TryGetValue(table, out var t)
                ? t.ByChild[child].Select(r => t.Columns.Select((c, i) => (c, r.Cells[i])).ToDictionary(p => p.c, p => p.Item2))
                : [];

        var root = new XElement("EXPSSDA903");
        foreach (var child in ret.Table("Header").Rows.Select(r => r.Child))
        {
            var header = RowsOf("Header", child).Single();
            var uasc = RowsOf("UASC", child).FirstOrDefault();
            var head = new XElement("HEADER",
                Items(header, ChildItems),
                // An empty UASC for a child who was not UASC in the year, as the validator's own XML test data has it: its
                // reader makes a UASC row of every CHILD whose UASC is not empty.
                new XElement("UASC", uasc is null ? "" : "1"),
                uasc is null ? null : Items(uasc, "DUC"),
                RowsOf("AD1", child).Take(1).Select(r => Items(r, Ad1Items)),
                RowsOf("OC3", child).Take(1).Select(r => Items(r, Oc3Items)),
                RowsOf("Missing", child).Select(r => new XElement("AMISSING", Items(r, MissingItems))),
                RowsOf("Reviews", child).Select(r => new XElement("AREVIEW", Items(r, ReviewItems))),
                Items(header, MotherItems),
                RowsOf("PrevPerm", child).Take(1).Select(r => new XElement("PERMANENCE", Items(r, PermanenceItems))),
                RowsOf("OC2", child).Take(1).Select(r => new XElement("OC2", Items(r, Oc2Items))),
                RowsOf("PlacedAdoption", child).Select(r => new XElement("AD_PLACED", Items(r, PlacedItems))));
            root.Add(new XElement("CHILD", head, RowsOf("Episodes", child).Select(r => new XElement("EPISODE", Items(r, EpisodeItems)))));
        }

        var document = new XDocument(new XDeclaration("1.0", "utf-8", null));
        var left = NotInXml(ret).Select(t => t.File).ToList();
        if (left.Count > 0)
            document.Add(new XComment($" SSDA903 {ret.Year.Collection}: {string.Join(", ", left)} has no element in the EXPSSDA903 schema 3.3.0; it is in the CSV export only (docs/return-903.md). "));
        document.Add(root);
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
            document.Save(writer);
        return buffer.ToArray();
    }

    private static IEnumerable<XElement> Items(Dictionary<string, string> row, params string[] columns) =>
        columns.Select(c => new XElement(ElementName(c), row[c]));

    /// <summary>
    /// The tables an EXPSSDA903 document holds, each as rows of cells in the table's CSV column order ("" for an empty
    /// or absent element), read as the validator's XML reader reads them: a Header row per CHILD; a UASC row when UASC
    /// is not empty; AD1 when DATE_INT is there; OC3 when IN_TOUCH is there (even empty: an OC3 row with no contact
    /// near the birthday; the validator's reader needs a value there); one row per AMISSING, AREVIEW, AD_PLACED and
    /// EPISODE, one for PERMANENCE and OC2. DOB and SEX come from the child's HEADER.
    /// </summary>
    public static Dictionary<string, List<string[]>> Read(string xml)
    {
        var tables = ReturnTables.All.Where(t => t.Name != "SWEpisodes").ToDictionary(t => t.Name, _ => new List<string[]>());
        foreach (var child in XDocument.Parse(xml).Root!.Elements("CHILD"))
        {
            var head = child.Element("HEADER")!;
            var cells = head.Elements().Where(e => !e.HasElements).ToDictionary(e => ColumnName(e.Name.LocalName), e => e.Value);
            void Add(string table, XElement? part = null)
            {
                var own = part?.Elements().ToDictionary(e => ColumnName(e.Name.LocalName), e => e.Value) ?? [];
                tables[table].Add([.. ReturnTables.Named(table).Columns.Select(c => own.GetValueOrDefault(c) ?? cells.GetValueOrDefault(c) ?? "")]);
            }
            Add("Header");
            if (cells.GetValueOrDefault("UASC") is { Length: > 0 }) Add("UASC");
            if (head.Element("DATE_INT") is not null) Add("AD1");
            if (head.Element("IN_TOUCH") is not null) Add("OC3");
            foreach (var e in head.Elements("AMISSING")) Add("Missing", e);
            foreach (var e in head.Elements("AREVIEW")) Add("Reviews", e);
            foreach (var e in head.Elements("PERMANENCE")) Add("PrevPerm", e);
            foreach (var e in head.Elements("OC2")) Add("OC2", e);
            foreach (var e in head.Elements("AD_PLACED")) Add("PlacedAdoption", e);
            foreach (var e in child.Elements("EPISODE")) Add("Episodes", e);
        }
        return tables;
    }
}
