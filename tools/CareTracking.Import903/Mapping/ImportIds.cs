using CareTracking.Import903.ReturnFiles;

namespace CareTracking.Import903.Mapping;

/// <summary>
/// Event ids (and missing episode ids) named by the authority, the file, the row's content and the command, not
/// the row's number: the same return loaded twice, or again with rows added or reordered, posts the same ids,
/// which the services answer as retries, appending nothing.
/// </summary>
public sealed class ImportIds(string authority)
{
    private static readonly Guid ImportNamespace = new("5d9b3c2e-0f4a-5e61-8b7d-903a1c2e4f60");

    public Guid For(IReturnRecord record, string command) =>
        NameBasedIds.Derive(ImportNamespace, $"{authority}/{record.Row.File}/{record.Content}/{command}");
}
