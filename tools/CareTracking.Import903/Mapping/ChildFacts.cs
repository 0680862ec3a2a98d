using CareTracking.Import903.ReturnFiles;

namespace CareTracking.Import903.Mapping;

/// <summary>The header row's facts an entry to care carries: SEX (as M/F/U), DOB, ETHNIC, and UPN, MOTHER and MC_DOB
/// when given.</summary>
public sealed record HeaderFacts(RowRef Row, string Sex, DateOnly DateOfBirth, string Ethnicity,
    string? Upn = null, bool? Mother = null, DateOnly? MotherChildDateOfBirth = null);

/// <summary>A UASC row: the child is unaccompanied and asylum-seeking until <see cref="Ceased"/> (DUC), if given.</summary>
public sealed record UascFacts(RowRef Row, DateOnly? Ceased)
{
    public bool AppliesOn(DateOnly date) => Ceased is not { } end || date < end;
}

/// <summary>A PrevPerm row and the episode whose entry to care carries it: the child's latest episode with RNE S that
/// began in the collection year (docs/import-903.md, "PrevPerm").</summary>
public sealed record PrevPermFacts(RowRef Row, RowRef Episode, PreviousPermanenceBody Body);

/// <summary>What the episodes of a child can rely on from the other files.</summary>
/// <param name="Header">The child's header, when read without fault.</param>
/// <param name="RejectedHeader">The child's header row, when it was rejected.</param>
/// <param name="PreviousPermanence">The child's PrevPerm row, when read without fault and a start in the year carries it.</param>
public sealed record ChildFacts(string Child, HeaderFacts? Header, RowRef? RejectedHeader, IReadOnlyList<UascFacts> Uasc,
    PrevPermFacts? PreviousPermanence = null);
