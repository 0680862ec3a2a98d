namespace CareTracking.ServiceDefaults.Problems;

/// <summary>No record of this kind and id exists for the caller's authority: a 404 problem.</summary>
public sealed class RecordNotFound(string kind, string id) : Exception($"No {kind} with id {id} is known for this authority.")
{
    public string Kind { get; } = kind;
    public string Id { get; } = id;
}
