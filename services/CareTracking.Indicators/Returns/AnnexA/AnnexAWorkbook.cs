using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CareTracking.Indicators.Returns.AnnexA;

/// <summary>An Annex A list as an Excel workbook (Open XML SDK): one sheet named as the template names the list
/// (e.g. List_8), the column names in row 1, a child per row after it; every cell text, as the template's dates
/// are dd/mm/yyyy text.</summary>
public static class AnnexAWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(AnnexAList list)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, list.Columns));
            uint n = 1;
            foreach (var row in list.Rows) data.Append(Row(++n, row.Cells));
            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = list.Name.Replace(' ', '_') });
            workbook.Workbook.Save();
        }
        return buffer.ToArray();
    }

    private static Row Row(uint index, IEnumerable<string> cells)
    {
        var row = new Row { RowIndex = index };
        foreach (var text in cells)
            row.Append(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }) });
        return row;
    }
}
