using CareTracking.Import903.ReturnFiles;

namespace CareTracking.Import903.Mapping;

/// <summary>The importer's own reasons for not posting a row (the services' rules come back in their problem
/// details). Each names the 903 column it is about.</summary>
public static class ImportRules
{
    public const string ChildRequired = "import.child-required";
    public const string DateFormat = "import.date-format";
    public const string CodeUnknown = "import.code-unknown";
    public const string DuplicateRow = "import.duplicate-row";
    public const string DuplicateHeader = "import.duplicate-header";
    public const string NoHeader = "import.no-header";
    public const string X1WithoutDec = "import.x1-without-dec";
    public const string RecWithoutDec = "import.rec-without-dec";
    public const string DecWithoutRec = "import.dec-without-rec";
    public const string ContinuationWithoutStart = "import.continuation-without-start";
    public const string DependsOnRejected = "import.depends-on-rejected";
    /// <summary>A review, missing episode or outcome row of a child whose whole care history was refused: posting
    /// it would only leave it unmatched in the service (held for a care period that never comes).</summary>
    public const string DependsOnRefusedChild = "import.depends-on-refused-child";
    public const string NothingAccepted = "import.nothing-accepted";
    public const string ServiceUnreachable = "import.service-unreachable";
    public const string ServiceTimeout = "import.service-timeout";
    public const string ReasonWithoutDate = "import.reason-without-date";
    public const string ServiceNotGiven = "import.service-not-given";
    public const string YearUnknown = "import.year-unknown";
    public const string NoBirthdayInYear = "import.no-birthday-in-year";
    public const string DuplicatePrevPerm = "import.duplicate-prev-perm";
    public const string NoStartInYear = "import.no-start-in-year";
    public const string DevelopmentCheckAge = "import.development-check-age";

    internal static RowRejection Reject(IReturnRecord record, string field, string rule, string message) =>
        new(record.Row, record.Child, field, rule, message);

    internal static RowRejection DependsOn(IReturnRecord record, string field, RowRef rejected, string what) =>
        Reject(record, field, DependsOnRejected, $"depends on {rejected} ({what}), which was rejected.");

    /// <summary>A continuation episode whose period's start was refused by Placements.</summary>
    internal static RowRejection DependsOnChild(ImportStep step, RowRef refused) =>
        new(step.Row, step.Child, "CHILD", DependsOnRefusedChild,
            $"child {step.Child}'s care history was refused (first at {refused}), so this row was not posted.");

    internal static RowRejection DependsOn(ImportStep step, RowRef start) =>
        new(step.Row, step.Child, "RNE", DependsOnRejected, $"depends on {start} (the episode that starts its period), which was rejected.");
}
