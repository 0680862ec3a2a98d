using CareTracking.EventStore;

namespace CareTracking.LeavingCare.CareLeavers;

/// <summary>The care-leaver list's read model (table lvc_care_leavers): each young person's folded Leaving-care
/// state, so <c>GET /api/care-leavers</c> reads one row per young person rather than replaying every stream.</summary>
public sealed class CareLeaversProjection(DocumentStore store) : FoldedChildrenProjection<CareLeaver, CareLeaverEvent>(store)
{
    public override string Name => "leavingcare-care-leavers";
    protected override string TableName => "lvc_care_leavers";
    protected override CareLeaver Initial => CareLeaver.Initial;
    protected override CareLeaver Evolve(CareLeaver state, CareLeaverEvent @event) => CareLeaver.Evolve(state, @event);
    protected override string ChildIdOf(string streamId) => CareLeaverStreams.Stream.ChildIdOf(streamId);
}
