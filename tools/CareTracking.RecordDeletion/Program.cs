using System.CommandLine;
using System.Globalization;
using CareTracking.RecordDeletion;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Problems;
using CareTracking.Tools;
using Npgsql;

// delete-child-record: see the description below (--help), and docs/security.md ("Deleting a record entered in error").
var connectionOption = MigrationOptions.Connection("the services' roles may not delete events");
var schemaOption = MigrationOptions.Schema();
var authorityOption = MigrationOptions.Authority("The authority holding the record (a three-digit LA code). Required.");
var childOption = new Option<string?>("--child")
{
    Description = "The child's id in the case system (903 CHILD). Required.",
    HelpName = "ID",
    Validators =
    {
        result =>
        {
            if (result.GetValueOrDefault<string?>() is not { } id) return;
            try
            {
                ChildIds.Validate(id);
            }
            catch (RuleViolation)
            {
                // Not echoed: it may be a child's id mistyped.
                result.AddError("--child is not a child id (1 to 64 letters, digits, '-' or '_').");
            }
        },
    },
};
var reasonOption = new Option<string?>("--reason")
{
    Description = $"Why the record goes before retention ends: {DeletionReasons.EnteredInError} (the wrong child, a duplicate, a child "
        + $"never looked after) or {DeletionReasons.Ordered} (a court or the Information Commissioner ordered it). Required.",
    HelpName = "CODE",
    Validators =
    {
        result =>
        {
            if (result.GetValueOrDefault<string?>() is { } code && !DeletionReasons.All.Contains(code))
                result.AddError($"--reason '{code}' is not one of {string.Join(", ", DeletionReasons.All)}.");
        },
    },
};
var decidedByOption = new Option<string?>("--decided-by")
{
    Description = "The data protection officer who decided (a name or staff id, up to 200 characters), recorded in the audit. Required.",
    HelpName = "PERSON",
    Validators =
    {
        result =>
        {
            if (result.GetValueOrDefault<string?>() is { } who && (string.IsNullOrWhiteSpace(who) || who.Length > 200))
                result.AddError("--decided-by must name a person in 1 to 200 characters.");
        },
    },
};
var dryRunOption = new Option<bool>("--dry-run") { Description = "Count the events each service holds and what would be deleted; change nothing (the look is audited)." };
var root = new RootCommand(
    "Deletes one child's whole record where no legal obligation keeps it (a record entered in error, or erasure ordered), "
    + "on the data protection officer's decision: audited first (who decided, why), the child's data key erased, then every "
    + "service's streams and events, read-model rows, police disclosures and outbox rows of the child deleted, in one "
    + "transaction on the migration connection (all or nothing). Records kept by law until the 75th birthday are deleted by "
    + "the retention rule instead. Prints counts only, never the child's id. Backups keep the record until they expire.\n"
    + "Exit codes: 0 deleted (or counted, with --dry-run; also when nothing was left to delete); 1 the authority holds no record "
    + "of that child (nothing changed), or the database refused or could not be reached; 2 bad usage (checked before the "
    + "database is contacted).")
{
    connectionOption, schemaOption, authorityOption, childOption, reasonOption, decidedByOption, dryRunOption,
};
root.SetAction(_ => 0);

return await ToolCommandLine.InvokeAsync(root, "delete-child-record", args, Console.Out, Console.Error, async parsed =>
{
    string Required(Option<string?> option) => parsed.GetValue(option) ?? throw new UsageFault($"{option.Name} is missing.");
    var authority = Required(authorityOption);
    var child = Required(childOption);
    var reason = Required(reasonOption);
    var decidedBy = Required(decidedByOption);
    var dryRun = parsed.GetValue(dryRunOption);
    var deletion = new ChildRecordDeletion(MigrationOptions.ConnectionOf(parsed, connectionOption), parsed.GetValue(schemaOption)!);
    try
    {
        var result = await deletion.RunAsync(authority, child, reason, decidedBy, dryRun, CancellationToken.None);
        var parts = string.Join(", ", result.Parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Part} {p.Events:N0}")));
        switch (result.Outcome)
        {
            case DeletionOutcome.NoRecord:
                Console.Error.WriteLine($"delete-child-record: authority {authority} holds no record of the child given (no event, no key); nothing changed: check the id and the authority.");
                return 1;
            case DeletionOutcome.NothingLeft:
                Console.WriteLine($"authority {authority}: nothing left to delete: no event of the child given remains and its key is erased (deleted before); nothing changed");
                return 0;
            case DeletionOutcome.Counted:
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"dry run: authority {authority}: would delete {result.EventsDeleted:N0} event(s) of the child given ({parts}), its read-model rows, disclosures and outbox rows, and erase its key; nothing changed"));
                return 0;
            default:
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"authority {authority}: deleted {result.EventsDeleted:N0} event(s) of the child given ({parts}) with its read-model rows, disclosures and outbox rows; its key is erased; audited as record-deletion:{reason}"));
                return 0;
        }
    }
    catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedFunction)
    {
        Console.Error.WriteLine("delete-child-record: the database's schema has no ct_delete_child_record: start the services of this build once (they apply the schema), then run again; nothing changed.");
        return 1;
    }
    catch (Exception e) when (e is NpgsqlException or PostgresException)
    {
        Console.Error.WriteLine($"delete-child-record: the database refused or could not be reached: {e.Message}; nothing changed.");
        return 1;
    }
});
