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

    public static readonly IReadOnlyList<string> All = [Header, Episodes, Uasc, Missing, Reviews, PlacedAdoption, Ad1, SocialWorkers];
}

/// <summary>A row of a return file. <see cref="Number"/> is the 1-based data row: the first row after the line
/// of column names is row 1.</summary>
public sealed record RowRef(string File, int Number)
{
    public override string ToString() => $"{File} row {Number}";
}

/// <summary>A row as read, every field a string (trimmed; blank is ""), so that a bad value is reported, not thrown.</summary>
public interface IReturnRecord
{
    RowRef Row { get; }
    string Child { get; }

    /// <summary>The row's fields, joined: with the file and the authority it names the row in event ids.</summary>
    string Content { get; }
}

public sealed record HeaderRecord(RowRef Row, string Child, string Sex, string Dob, string Ethnic) : IReturnRecord
{
    public string Content => string.Join('|', Child, Sex, Dob, Ethnic);
}

public sealed record EpisodeRecord(RowRef Row, string Child, string Decom, string Rne, string Ls, string Cin, string Place,
    string PlaceProvider, string Dec, string Rec, string ReasonPlaceChange, string HomePost, string PlPost, string Urn) : IReturnRecord
{
    public string Content => string.Join('|', Child, Decom, Rne, Ls, Cin, Place, PlaceProvider, Dec, Rec, ReasonPlaceChange, HomePost, PlPost, Urn);
}

/// <summary>UASC: DUC is the date the child's status as an unaccompanied asylum-seeking child ceased.</summary>
public sealed record UascRecord(RowRef Row, string Child, string Duc) : IReturnRecord
{
    public string Content => string.Join('|', Child, Duc);
}

public sealed record MissingRecord(RowRef Row, string Child, string Missing, string MisStart, string MisEnd) : IReturnRecord
{
    public string Content => string.Join('|', Child, Missing, MisStart, MisEnd);
}

public sealed record ReviewRecord(RowRef Row, string Child, string Review, string ReviewCode) : IReturnRecord
{
    public string Content => string.Join('|', Child, Review, ReviewCode);
}

/// <summary>Every row read from one return.</summary>
public sealed record ReturnRecords(
    IReadOnlyList<HeaderRecord> Headers,
    IReadOnlyList<EpisodeRecord> Episodes,
    IReadOnlyList<UascRecord> Uasc,
    IReadOnlyList<MissingRecord> Missing,
    IReadOnlyList<ReviewRecord> Reviews,
    PermanenceRecords? Permanence = null)
{
    public PermanenceRecords PermanenceOrNone => Permanence ?? PermanenceRecords.None;

    public IEnumerable<IReturnRecord> All =>
        Headers.Cast<IReturnRecord>().Concat(Episodes).Concat(Uasc).Concat(Missing).Concat(Reviews).Concat(PermanenceOrNone.All);

    public IReadOnlyDictionary<string, int> RowsPerFile => ReturnFile.All.ToDictionary(f => f, f => All.Count(r => r.Row.File == f));

    /// <summary>Only the rows of the first <paramref name="children"/> children of header.csv (a trial load).</summary>
    public ReturnRecords FirstChildren(int children)
    {
        var keep = Headers.Select(h => h.Child).Distinct().Take(children).ToHashSet();
        return new ReturnRecords(
            [.. Headers.Where(r => keep.Contains(r.Child))], [.. Episodes.Where(r => keep.Contains(r.Child))],
            [.. Uasc.Where(r => keep.Contains(r.Child))], [.. Missing.Where(r => keep.Contains(r.Child))],
            [.. Reviews.Where(r => keep.Contains(r.Child))],
            new PermanenceRecords([.. PermanenceOrNone.PlacedAdoption.Where(r => keep.Contains(r.Child))],
                [.. PermanenceOrNone.Ad1.Where(r => keep.Contains(r.Child))], [.. PermanenceOrNone.SocialWorkers.Where(r => keep.Contains(r.Child))]));
    }
}
