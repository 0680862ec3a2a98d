namespace CareTracking.Indicators.Returns.Tables;

/// <summary>AD1: children adopted in the year. Not produced yet: the table is not written yet (the adoption facts now reach Indicators as ChildHistory.Permanence.Matches).</summary>
public sealed class Ad1Table() : NotYetProduced("ad1.csv", "AD1", ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
    "the table is not written yet (the adoption facts now reach Indicators as ChildHistory.Permanence.Matches).");
