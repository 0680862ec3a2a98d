namespace CareTracking.Indicators.Returns.Tables;

/// <summary>PlacedAdoption: decisions to place for adoption. Not produced yet: no service records decisions that a child should be placed for adoption yet.</summary>
public sealed class PlacedAdoptionTable() : NotYetProduced("placed_for_adoption_errors.csv", "PlacedAdoption", ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "no service records decisions that a child should be placed for adoption yet.");
