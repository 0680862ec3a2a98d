namespace CareTracking.Indicators.Returns.Tables;

/// <summary>PrevPerm: previous permanence of children starting care. Not produced yet: no service records a child's previous permanence order yet.</summary>
public sealed class PrevPermTable() : NotYetProduced("previous_permanence.csv", "PrevPerm", ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "no service records a child's previous permanence order yet.");
