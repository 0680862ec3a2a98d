namespace CareTracking.ServiceDefaults.OpenApi;

/// <summary>
/// What a service tells its integrators beyond what the route table says (issue 13): for each operation its id,
/// summary and description, the body it answers with, the answers it can give besides the common ones, the typed
/// query parameters, and an example request that the service really accepts; and the code lists its fields take.
/// One class per service, found by <see cref="ContractFilters"/> in the service's own assembly, so the route
/// files stay as they are.
/// </summary>
public abstract class ApiContract
{
    public abstract IReadOnlyList<OperationDoc> Operations { get; }

    /// <summary>Fields whose value is a code from a list: the document shows them as enums with their meanings.</summary>
    public virtual IReadOnlyList<CodeField> CodeFields => [];
}
