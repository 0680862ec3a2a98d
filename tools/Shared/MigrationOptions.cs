using System.CommandLine;
using Npgsql;

namespace CareTracking.Tools;

/// <summary>
/// The options of the tools that work as the tables' owner (the master-key rotation, the re-sealing job, the deletion of
/// a record entered in error): the migration connection, the event store's schema and the authority. Linked into those
/// tools' projects only (tools/Shared), as the others have no database connection of their own.
/// </summary>
internal static class MigrationOptions
{
    private const string EnvironmentVariable = "CT_MIGRATION_CONNECTION";
    private const string LocalStack = "Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres;Database=caretracking";

    /// <param name="why">Why the owner is needed, shown in the help (e.g. "only it may re-wrap a key").</param>
    public static Option<string?> Connection(string why) => new("--connection")
    {
        Description = $"The migration connection: the tables' owner ({why}), with the database; default "
            + $"{EnvironmentVariable}, else the local stack's {LocalStack}.",
        HelpName = "CONNECTION STRING",
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<string?>() is not { } text) return;
                try
                {
                    if (new NpgsqlConnectionStringBuilder(text).Database is not { Length: > 0 })
                        result.AddError("--connection names no Database.");
                }
                catch (ArgumentException e)
                {
                    // The connection string holds a password: the message says what is wrong, not what was given.
                    result.AddError($"--connection is not a PostgreSQL connection string ({e.Message}).");
                }
            },
        },
    };

    /// <summary>The connection given, else the environment's, else the local stack's.</summary>
    public static string ConnectionOf(ParseResult parsed, Option<string?> connection) =>
        parsed.GetValue(connection) ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? LocalStack;

    /// <summary>--authority: a three-digit LA code, the rule the event store checks (<c>Authorities.Validate</c>).</summary>
    public static Option<string?> Authority(string description) => new("--authority")
    {
        Description = description,
        HelpName = "CODE",
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<string?>() is { } code && !(code.Length == 3 && code.All(char.IsAsciiDigit)))
                    result.AddError($"--authority '{code}' is not a three-digit LA code.");
            },
        },
    };

    public static Option<string> Schema() => new("--schema")
    {
        Description = "The event store's schema (default eventstore).",
        HelpName = "NAME",
        DefaultValueFactory = _ => "eventstore",
        Validators =
        {
            result =>
            {
                var name = result.GetValueOrDefault<string>();
                if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z_][a-z0-9_]{0,62}$"))
                    result.AddError($"--schema '{name}' is not a schema name (lower-case letters, digits and underscores).");
            },
        },
    };
}
