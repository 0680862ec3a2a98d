using System.Globalization;
using CareTracking.Import903.Mapping;
using CsvHelper;

namespace CareTracking.Import903.Importing;

/// <summary>The rejected rows as CSV: file, row (1-based data row, the line of column names not counted), child,
/// field, rule, message (the service's problem-details detail, or the importer's reason) and the command refused.</summary>
public static class RejectionReport
{
    /// <summary>Creates (or empties) the report file, so that a path that cannot be written fails before the import.</summary>
    public static StreamWriter Open(string path) => new(path);

    public static void Write(TextWriter writer, IEnumerable<RowRejection> rejections)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var header in new[] { "file", "row", "child", "field", "rule", "message", "command" }) csv.WriteField(header);
        csv.NextRecord();
        foreach (var r in rejections)
        {
            csv.WriteField(r.Row.File);
            csv.WriteField(r.Row.Number);
            csv.WriteField(r.Child);
            csv.WriteField(r.Field);
            csv.WriteField(r.Rule);
            csv.WriteField(r.Message);
            csv.WriteField(r.Command ?? "");
            csv.NextRecord();
        }
    }
}
