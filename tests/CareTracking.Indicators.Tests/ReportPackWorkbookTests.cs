using CareTracking.Indicators.ReportPack;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CareTracking.Indicators.Tests;

public class ReportPackWorkbookTests
{
    [Fact]
    public void each_table_becomes_a_sheet_with_its_csv_rows_numbers_as_numbers_and_text_as_text()
    {
        var bytes = ReportPackWorkbook.Write([
            ("Measures", "section,key,value\r\nmeasure,cla,42\r\nmeasure,ratePer10k,61.5\r\n"),
            ("Comparisons", "measure,england,englandRelease\r\ncla,\"81,770\",CLA 2025\r\n"),
        ]);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        Assert.Equal(["Measures", "Comparisons"], workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));
        var measures = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var rows = measures.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        Assert.Equal(3, rows.Count);
        var value = rows[2].Elements<Cell>().Last();
        Assert.Equal(CellValues.Number, value.DataType!.Value);
        Assert.Equal("61.5", value.CellValue!.Text);
        // The header stays text even where it could read as a number; "81,770" is text, not a number with a comma.
        Assert.Equal(CellValues.InlineString, rows[0].Elements<Cell>().Last().DataType!.Value);
        var comparisons = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Last().Id!);
        var england = comparisons.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Last().Elements<Cell>().ElementAt(1);
        Assert.Equal(CellValues.InlineString, england.DataType!.Value);
        Assert.Equal("81,770", england.InnerText);
    }
}
