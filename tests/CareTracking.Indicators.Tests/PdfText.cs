namespace CareTracking.Indicators.Tests;

/// <summary>A PDF's words in the order they are drawn, one space apart, page after page (PdfPig).</summary>
public static class PdfText
{
    public static string Of(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }
}
