using CareTracking.Import903.ReturnFiles;

namespace CareTracking.Import903.Mapping;

/// <summary>The header row's facts an entry to care carries: SEX (as M/F/U), DOB and ETHNIC.</summary>
public sealed record HeaderFacts(RowRef Row, string Sex, DateOnly DateOfBirth, string Ethnicity);

/// <summary>A UASC row: the child is unaccompanied and asylum-seeking until <see cref="Ceased"/> (DUC), if given.</summary>
public sealed record UascFacts(RowRef Row, DateOnly? Ceased)
{
    public bool AppliesOn(DateOnly date) => Ceased is not { } end || date < end;
}

/// <summary>What the episodes of a child can rely on from the other files.</summary>
/// <param name="Header">The child's header, when read without fault.</param>
/// <param name="RejectedHeader">The child's header row, when it was rejected.</param>
public sealed record ChildFacts(string Child, HeaderFacts? Header, RowRef? RejectedHeader, IReadOnlyList<UascFacts> Uasc);
