using CareTracking.EventStore;
using CareTracking.Health.Children;

namespace CareTracking.Health.WorkLists;

/// <summary>The health work lists' read model (table hlt_children): each child's folded Health state, so the lists
/// read one row per child rather than every stream.</summary>
public sealed class HealthChildrenProjection(DocumentStore store) : FoldedChildrenProjection<HealthChild, HealthEvent>(store)
{
    public override string Name => "health-children";
    protected override string TableName => "hlt_children";
    protected override HealthChild Initial => HealthChild.Initial;
    protected override HealthChild Evolve(HealthChild state, HealthEvent @event) => HealthChild.Evolve(state, @event);
    protected override string ChildIdOf(string streamId) => ChildStreams.ChildIdOf(streamId);
}
