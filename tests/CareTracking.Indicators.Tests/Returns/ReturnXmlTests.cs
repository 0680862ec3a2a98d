using System.Text;
using System.Xml.Linq;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Model;
using CareTracking.Indicators.Projections;
using CareTracking.Indicators.Returns;
using CareTracking.Ssda903.CareLeavers;
using CareTracking.Ssda903.Health;
using CareTracking.Ssda903.Permanence;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests.Returns;

/// <summary>The return as the DfE's XML (EXPSSDA903, schema 3.3.0): the same rows as the CSV files when read back, the
/// schema's element order, and SWEpisodes left out and named (docs/return-903.md, "XML").</summary>
public sealed class ReturnXmlTests
{
    private static ChildRecord Record(ChildHistory history, string sex = "M", CareLeaverFacts? careLeaver = null) =>
        new(history with { PreviousPermanence = [.. history.Episodes.Where(e => e.Rne == "S").Select(e => new PreviousPermanenceRecord(e.Decom, "P2", "2019-05", "831"))] },
            [], HealthFacts.None, careLeaver ?? CareLeaverFacts.None,
            new ChildView(history.DateOfBirth!.Value, false, Ethnicity: "WBRI", Sex: sex, Upn: "A123456789012", Mother: sex == "F" ? true : null,
                MotherChildDateOfBirth: sex == "F" ? D("2022-02-02") : null));

    /// <summary>2023/24. UASC: a girl, a mother, UASC until 01/06/2023, missing and away, two reviews, two social workers,
    /// a move in the year (two episodes). ADOPTED: a decision, a match and an order in the year. NEW: entered care in the
    /// year after an SGO (PrevPerm). LEAVER: former relevant on her 18th birthday in the year with no contact near it
    /// (an OC3 row of empty codes). LONG: in care since 2020 (OC2).</summary>
    private static Return903 Return()
    {
        var uasc = Child("UASC", Episode("2022-01-01", "S", "U4", end: "2023-06-01", rec: "X1", reasonPlaceChange: "CARPL"), Episode("2023-06-01", "P", "K2"))
            .BornOn("2008-02-01")
            .WithReviews(Review("2023-05-01"), Review("2023-11-01", "PN3"))
            .WithMissing(Missing("2023-07-01T10:00:00Z", "2023-07-02T10:00:00Z"), Away("2023-08-01T10:00:00Z")) with
        {
            Uasc = [new UascSpell(D("2022-01-01"), D("2023-06-01"))],
            Permanence = new([], [], [new("SW1", D("2022-01-01"), D("2023-09-01"), "FCONTA", "LEFTRL"), new("SW2", D("2023-09-01"), null, "LEFTRL", null)]),
        };
        var adopted = Child("ADOPTED", Episode("2021-01-01", "S", "U4", end: "2022-09-01", rec: "X1"), Episode("2022-09-01", "P", "A4", end: "2023-10-01", rec: "E12")) with
        {
            Permanence = new([new(D("2022-03-01"), null, null)], [new AdoptionMatchRow(D("2022-03-01"), D("2022-07-01"), false, 2, "MF", "L11")], []),
        };
        var newcomer = Child("NEW", Episode("2023-05-01", "S", "U4"));
        var leaver = Child("LEAVER", Episode("2019-01-01", "S", "U4", end: "2023-01-10", rec: "E8")).BornOn("2005-06-15");
        var longStay = Child("LONG", Episode("2020-01-01", "S", "U4"));
        return Return903.Build(new ReturnYear(2024), null,
            [Record(uasc, sex: "F"), Record(adopted), Record(newcomer), Record(leaver, sex: "F"), Record(longStay)]);
    }

    [Fact]
    public void the_xml_read_back_gives_the_rows_of_every_csv_file_but_sw_episodes()
    {
        var ret = Return();
        var xml = Encoding.UTF8.GetString(ReturnXml.Write(ret));
        var tables = ReturnXml.Read(xml);

        foreach (var table in ret.Tables.Where(t => t.Table.Name != "SWEpisodes"))
        {
            Assert.NotEmpty(table.Rows);
            Assert.Equal(table.Rows.Select(r => string.Join(',', r.Cells)).Order(StringComparer.Ordinal),
                tables[table.Table.Name].Select(r => string.Join(',', r)).Order(StringComparer.Ordinal));
        }
        Assert.Equal(["sw_episodes.csv"], ReturnXml.NotInXml(ret).Select(t => t.File));
        Assert.Contains("sw_episodes.csv has no element in the EXPSSDA903 schema", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("SW_ID", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void elements_come_in_the_schema_order()
    {
        var root = XDocument.Parse(Encoding.UTF8.GetString(ReturnXml.Write(Return()))).Root!;
        Assert.Equal("EXPSSDA903", root.Name.LocalName);
        var child = root.Elements("CHILD").Single(c => c.Element("HEADER")!.Element("CHILDID")!.Value == "UASC");
        Assert.Equal(["HEADER", "EPISODE", "EPISODE"], child.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(
            ["CHILDID", "UPN", "SEX", "DOB", "ETHNIC", "UASC", "DUC", "AMISSING", "AMISSING", "AREVIEW", "AREVIEW", "MOTHER", "MC_DOB", "OC2"],
            child.Element("HEADER")!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["1", "01/06/2023", "1", "02/02/2022"],
            new[] { "UASC", "DUC", "MOTHER", "MC_DOB" }.Select(n => child.Element("HEADER")!.Element(n)!.Value));
        Assert.Equal(["DECOM", "RNE", "LS", "CIN", "PL", "PL_POST", "HOME_POST", "URN", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE"],
            child.Elements("EPISODE").First().Elements().Select(e => e.Name.LocalName));

        var adopted = root.Elements("CHILD").Single(c => c.Element("HEADER")!.Element("CHILDID")!.Value == "ADOPTED").Element("HEADER")!;
        Assert.Equal(["CHILDID", "UPN", "SEX", "DOB", "ETHNIC", "UASC", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR",
            "MOTHER", "MC_DOB", "AD_PLACED"], adopted.Elements().Select(e => e.Name.LocalName));
        // Not UASC: an empty UASC, as the validator's reader makes a UASC row of any other value.
        Assert.Equal("", adopted.Element("UASC")!.Value);
        var newcomer = root.Elements("CHILD").Single(c => c.Element("HEADER")!.Element("CHILDID")!.Value == "NEW").Element("HEADER")!;
        Assert.Equal(["P2", "831", "zz/05/2019"], newcomer.Element("PERMANENCE")!.Elements().Select(e => e.Value));
    }
}
