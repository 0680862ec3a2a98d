namespace CareTracking.Indicators.Returns.Tables;

/// <summary>PrevPerm: previous permanence of children starting care. Not produced yet: Placements records it on the
/// entry to care (ChildEnteredCare.PreviousPermanence), but the Indicators history does not read it yet.</summary>
public sealed class PrevPermTable() : NotYetProduced("previous_permanence.csv", "PrevPerm", ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "Placements records the previous permanence on the entry to care, but Indicators does not read it into the child's history yet.");
