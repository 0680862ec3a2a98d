using System.Globalization;
using CareTracking.Indicators.Exports;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CareTracking.Indicators.ReportPack;

/// <summary>
/// The whole committee report as one Excel workbook (Open XML SDK): a sheet per table, each the same rows as that
/// table's CSV download (header in row 1), so the workbook and the CSVs never disagree. A cell that reads as an
/// invariant number is written as a number, so the committee's analysts can sum and chart it; the rest is text.
/// </summary>
public static class ReportPackWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(IReadOnlyList<(string Name, string Csv)> sheets)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var list = workbook.Workbook.AppendChild(new Sheets());
            uint id = 0;
            foreach (var (name, csv) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                uint n = 0;
                var header = true;
                foreach (var row in Csv.Parse(csv))
                {
                    data.Append(Row(++n, row, header));
                    header = false;
                }
                part.Worksheet = new Worksheet(data);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = ++id, Name = name });
            }
            workbook.Workbook.Save();
        }
        return buffer.ToArray();
    }

    private static Row Row(uint index, IEnumerable<string> cells, bool header)
    {
        var row = new Row { RowIndex = index };
        foreach (var text in cells)
        {
            row.Append(!header && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
                ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(text) }
                : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }) });
        }
        return row;
    }
}
