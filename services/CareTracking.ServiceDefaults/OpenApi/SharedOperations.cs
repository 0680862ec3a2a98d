using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Messaging;
using CareTracking.Ssda903.Codes;

namespace CareTracking.ServiceDefaults.OpenApi;

/// <summary>The operations every service serves (ServiceDefaults maps them), described once.</summary>
internal static class SharedOperations
{
    public static readonly IReadOnlyList<OperationDoc> All =
    [
        new("GET", "/api/audit/child-reads", "getChildReadAudit", "Who read a child's records, or whose records a person read",
            "Newest first, at most 1,000 rows, within the token's authority. Give exactly one of `childId` or `user`. Every service "
            + "answers the same (they share the audit table).")
        {
            Returns = typeof(IReadOnlyList<ChildReadAuditEntry>),
            Query =
            [
                new("childId", "The child whose reads to list.") { Example = "C1001" },
                new("user", "The person (the token's end user) whose reads to list."),
            ],
        },
        new("GET", "/api/subject-access/children/{childId}", "getSubjectAccessExport", "One child's whole record across the services",
            "For a subject-access request (scope `subject-access`, the authority's data protection officer): every event of the "
            + "child in every service's streams (Placements, Missing episodes with the episodes reported for the child, Reviews, "
            + "Health, Leaving care) in the order stored, and who has read the child's records. The export is itself audited "
            + "(`subject-access-export`) under the person who asked, and lists the alerts sent to the police about the child "
            + "(`policeDisclosures`, from a lasting log; whether one is parked is known while the outbox keeps it, "
            + "`policeDisclosuresKeptDays` after sending). Personal free text is opened, or `[erased]` after erasure. `format=html` gives the same as a page to "
            + "read or print. Every service answers the same (they share the event store).")
        {
            Returns = typeof(SubjectAccessExport),
            PathExamples = new Dictionary<string, string> { ["childId"] = "C1001" },
            Query = [new("format", "json (default) or html.", QueryKind.Code) { Values = ["json", "html"] }],
            AlsoProduces = ["text/html"],
        },
        new("GET", "/api/subject-access/retention", "getRetentionDryRun", "Children past their retention date (dry run)",
            "The children of the authority whose 75th birthday (from the date of birth Placements recorded) is on or before "
            + "`asAt` (default today), with how many events and which services' records erasure would remove. Nothing is erased; "
            + "each child listed is audited (`retention-dry-run`).")
        {
            Returns = typeof(RetentionReport),
            Query = [new("asAt", "The day to apply the rule at, YYYY-MM-DD.") { Example = "2085-06-15" }],
        },
        new("POST", "/api/subject-access/children/{childId}/erasure", "eraseChild", "Erase a child's personal text",
            "Scope `subject-access:erase` (the authority's data protection officer). Destroys the child's data key: the personal "
            + "free text sealed with it (reasons, a reviewer's name) reads as `[erased]` everywhere from then on, and text written "
            + "for the child later is stored erased. Dates and codes stay. Irreversible; audited (`erasure`) before it is done.")
        {
            Returns = typeof(ErasureAnswer),
            PathExamples = new Dictionary<string, string> { ["childId"] = "C1001" },
        },
        new("POST", "/api/subject-access/retention/erasure", "eraseChildrenPastRetention", "Erase the children past retention today",
            "Scope `subject-access:erase`. The retention rule of `GET /api/subject-access/retention`, applied today (no date can be "
            + "given) and carried out: each child listed is audited (`retention-erasure`) and erased as `eraseChild` does.")
        {
            Returns = typeof(RetentionErasure),
        },
        new("GET", "/api/outbox/parked", "getParkedMessages", "Messages the service could not deliver",
            "The authority's messages parked after their retries ran out (e.g. a police force whose queue is not bound yet): where "
            + "each was going and why it could not get there, never its body.")
        {
            Returns = typeof(IReadOnlyList<ParkedMessage>),
        },
        new("POST", "/api/outbox/parked/replay", "replayParkedMessages", "Put the parked messages back in line",
            "Answers `{ \"replayed\": n }`: how many of the authority's parked messages will be sent again."),
    ];
}

/// <summary>The Ssda903 project's code lists as the document shows them.</summary>
public static class Codes903
{
    public static IEnumerable<CodeDoc> Of(CodeList list) =>
        CodeLists.All(list).Select(c => new CodeDoc(c.Value, c.Meaning, c.ValidFrom, c.ValidUntil));
}
