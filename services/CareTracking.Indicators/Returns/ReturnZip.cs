using System.IO.Compression;
using System.Text;

namespace CareTracking.Indicators.Returns;

/// <summary>
/// The return as the DfE validator's offline runner reads it: one CSV per produced table (the line of column names,
/// then the rows; UTF-8, CRLF), and NOT-PRODUCED.txt naming each table left out and why, and what the header's
/// UPN, MOTHER and MC_DOB hold. A table left out is never an empty file: that would read as "no such children".
/// </summary>
public static class ReturnZip
{
    public const string NotProducedFile = "NOT-PRODUCED.txt";

    public static byte[] Write(Return903 ret)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in ret.Tables.Where(t => t.Produced))
                Add(zip, table.Table.File, Csv(table));
            Add(zip, NotProducedFile, NotProducedText(ret));
        }
        return buffer.ToArray();
    }

    public static string Csv(ReturnTableRows table)
    {
        var text = new StringBuilder(Exports.Csv.Line([.. table.Table.Columns]));
        foreach (var row in table.Rows) text.Append(Exports.Csv.Line([.. row.Cells]));
        return text.ToString();
    }

    public static string NotProducedText(Return903 ret)
    {
        var text = new StringBuilder();
        text.AppendLine($"SSDA903 return {ret.Year.Collection} (1 April {ret.Year.Start.Year} to 31 March {ret.Year.End.Year}),"
            + (ret.KnownAt is { } k ? $" as known at {k:yyyy-MM-ddTHH:mm:ssZ}." : " as known now."));
        var notProduced = ret.NotProduced.ToList();
        text.AppendLine(notProduced.Count == 0
            ? "Every table of the year's return is produced."
            : "This return is NOT complete. Tables not produced (the suite does not hold their facts yet):");
        foreach (var table in notProduced)
            text.AppendLine($"- {table.File} ({table.Name}): {table.NotProducedBecause}");
        text.AppendLine("header.csv: UPN, MOTHER and MC_DOB are as given on the child's latest entry to care, with any change Placements "
            + "recorded after it (a UPN learnt later, a girl who becomes a mother while in care). Empty where they were not given: see the check.");
        text.AppendLine("See docs/return-903.md.");
        return text.ToString();
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
        stream.Write(bytes);
    }
}
