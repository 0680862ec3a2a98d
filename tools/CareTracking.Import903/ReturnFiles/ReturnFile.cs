namespace CareTracking.Import903.ReturnFiles;

/// <summary>The 903 return's CSV files the importer reads (the validator's column sets, docs/ssda903.md,
/// Tables and columns).</summary>
public static class ReturnFile
{
    public const string Header = "header.csv";
    public const string Episodes = "episodes.csv";
    public const string Uasc = "uasc.csv";
    public const string Missing = "missing.csv";
    public const string Reviews = "reviews.csv";
    public const string Ad1 = "ad1.csv";
    public const string PlacedAdoption = "placed_for_adoption.csv";
    public const string SocialWorkers = "sw_episodes.csv";
    public const string Oc2 = "oc2.csv";
    public const string Oc3 = "oc3.csv";
    public const string PrevPerm = "previous_permanence.csv";

    public static readonly IReadOnlyList<string> All = [Header, Episodes, Uasc, Missing, Reviews, PlacedAdoption, Ad1, SocialWorkers, Oc2, Oc3, PrevPerm];
}
