using System.Text;

namespace CareTracking.Import903.Importing;

/// <summary>The end-of-import table: per file, rows read, posted (or, in a dry run, to post) and rejected; then the
/// rejections counted by rule, most frequent first.</summary>
public static class ImportSummary
{
    public static string Describe(ImportResult result)
    {
        var text = new StringBuilder();
        var posted = result.DryRun ? "to post" : "posted";
        text.AppendLine(result.DryRun ? "import 903 (dry run: nothing posted; only the importer's own checks)" : "import 903");
        text.AppendLine($"  {"file",-14} {"read",7} {posted,8} {"rejected",8}");
        foreach (var c in result.Counts)
            text.AppendLine($"  {c.File,-14} {c.Read,7} {c.Posted,8} {c.Rejected,8}");
        var total = result.Counts.Aggregate((0, 0, 0), (t, c) => (t.Item1 + c.Read, t.Item2 + c.Posted, t.Item3 + c.Rejected));
        text.AppendLine($"  {"total",-14} {total.Item1,7} {total.Item2,8} {total.Item3,8}   (read = {posted} + rejected, checked)");
        var byRule = result.Rejections.GroupBy(r => r.Rule).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (byRule.Count > 0)
        {
            text.AppendLine("  rejected by rule (--report lists each row):");
            foreach (var rule in byRule)
                text.AppendLine($"    {rule.Count(),7}  {rule.Key}  ({string.Join(", ", rule.Select(r => r.Row.File).Distinct())})");
        }
        if (result.AwaitingCare > 0)
            text.AppendLine($"  {result.AwaitingCare} missing reports are held by the service awaiting care confirmation");
        text.Append("  not imported: DoLo, episodes' PL_LA and PL_DISTANCE, and the XML layout (docs/import-903.md)");
        return text.ToString();
    }
}
