using CareTracking.EventStore;
using CareTracking.Reviews.Children;

namespace CareTracking.Reviews.WorkLists;

/// <summary>The work lists' read model (table rev_children): each child's folded Reviews state. The lists and
/// timeliness span every child of an authority, so they read these rows rather than every stream.</summary>
public sealed class ReviewChildrenProjection(DocumentStore store) : FoldedChildrenProjection<Child, ChildEvent>(store)
{
    public override string Name => "reviews-children";
    protected override string TableName => "rev_children";
    protected override Child Initial => Child.Initial;
    protected override Child Evolve(Child state, ChildEvent @event) => Child.Evolve(state, @event);
    protected override string ChildIdOf(string streamId) => ChildStreams.ChildIdOf(streamId);

    // Rows stored before care notes were kept carry only periods.
    protected override Child Restored(Child state) => state.WithCareNotesFromPeriods();
}
