namespace CareTracking.Indicators.Returns.Checks;

/// <summary>A 903 validation rule broken by a row of the return. <paramref name="Table"/> is the validator's table
/// name, <paramref name="Row"/> the 1-based data row of that table's file in the export (the line of column names is
/// not counted), so the row can be found in the file the DfE validator will be given.</summary>
public sealed record ReturnIssue(string Rule, string Table, string Child, int Row, string Message);
