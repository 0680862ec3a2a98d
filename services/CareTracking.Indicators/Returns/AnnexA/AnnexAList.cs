namespace CareTracking.Indicators.Returns.AnnexA;

/// <summary>One Annex A list as a table: its name, the template's columns, and a row of cells per child.</summary>
public sealed record AnnexAList(string Name, DateOnly AsAt, IReadOnlyList<string> Columns, IReadOnlyList<ReturnRow> Rows);
