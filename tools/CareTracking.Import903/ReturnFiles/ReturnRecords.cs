namespace CareTracking.Import903.ReturnFiles;

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

/// <summary>Header: UPN, MOTHER and MC_DOB are "" when blank or when the file has no such column.</summary>
public sealed record HeaderRecord(RowRef Row, string Child, string Sex, string Dob, string Ethnic, string Upn = "", string Mother = "", string McDob = "")
    : IReturnRecord
{
    public string Content => string.Join('|', Child, Sex, Dob, Ethnic, Upn, Mother, McDob);
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

/// <summary>OC2, health and offending for the collection year: each flag 0, 1 or blank; SDQ_SCORE 0–40 or SDQ_REASON.</summary>
public sealed record Oc2Record(RowRef Row, string Child, string Dob, string SdqScore, string SdqReason, string Convicted, string HealthCheck,
    string Immunisations, string TeethCheck, string HealthAssessment, string SubstanceMisuse, string InterventionReceived,
    string InterventionOffered) : IReturnRecord
{
    public string Content => string.Join('|', Child, Dob, SdqScore, SdqReason, Convicted, HealthCheck, Immunisations, TeethCheck,
        HealthAssessment, SubstanceMisuse, InterventionReceived, InterventionOffered);
}

/// <summary>OC3, a care leaver around their 17th–21st birthday in the collection year: IN_TOUCH, ACTIV, ACCOM.</summary>
public sealed record Oc3Record(RowRef Row, string Child, string Dob, string InTouch, string Activ, string Accom) : IReturnRecord
{
    public string Content => string.Join('|', Child, Dob, InTouch, Activ, Accom);
}

/// <summary>PrevPerm (previous_permanence.csv): the permanence arrangement a child had before starting to be looked after:
/// PREV_PERM, LA_PERM and DATE_PERM (dd/mm/yyyy, zz/mm/yyyy or zz/zz/yyyy).</summary>
public sealed record PrevPermRecord(RowRef Row, string Child, string Dob, string PrevPerm, string LaPerm, string DatePerm) : IReturnRecord
{
    public string Content => string.Join('|', Child, Dob, PrevPerm, LaPerm, DatePerm);
}

/// <summary>Every row read from one return; <see cref="Oc2"/> and <see cref="Oc3"/> are empty when the return has no such file.</summary>
public sealed record ReturnRecords(
    IReadOnlyList<HeaderRecord> Headers,
    IReadOnlyList<EpisodeRecord> Episodes,
    IReadOnlyList<UascRecord> Uasc,
    IReadOnlyList<MissingRecord> Missing,
    IReadOnlyList<ReviewRecord> Reviews,
    PermanenceRecords? Permanence = null)
{
    public PermanenceRecords PermanenceOrNone => Permanence ?? PermanenceRecords.None;
    public IReadOnlyList<Oc2Record> Oc2 { get; init; } = [];
    public IReadOnlyList<Oc3Record> Oc3 { get; init; } = [];
    public IReadOnlyList<PrevPermRecord> PrevPerm { get; init; } = [];

    public IEnumerable<IReturnRecord> All =>
        Headers.Cast<IReturnRecord>().Concat(Episodes).Concat(Uasc).Concat(Missing).Concat(Reviews).Concat(PermanenceOrNone.All).Concat(Oc2).Concat(Oc3)
            .Concat(PrevPerm);

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
                [.. PermanenceOrNone.Ad1.Where(r => keep.Contains(r.Child))], [.. PermanenceOrNone.SocialWorkers.Where(r => keep.Contains(r.Child))]))
        {
            Oc2 = [.. Oc2.Where(r => keep.Contains(r.Child))],
            Oc3 = [.. Oc3.Where(r => keep.Contains(r.Child))],
            PrevPerm = [.. PrevPerm.Where(r => keep.Contains(r.Child))],
        };
    }
}
