namespace CareTracking.DemoData;

public enum DemoService { Placements, Missing, Reviews, LeavingCare }

/// <summary>One post of the demo history: where it goes, when it happened (to cut the history at "now") and
/// what it says. <see cref="Label"/> names the step in progress and error messages (never a name or a date of birth).</summary>
public sealed record DemoPost(DemoService Service, string ChildId, DateTimeOffset At, string Path, object Body, string Label);

/// <summary>The demo's event ids: the same seed, child and step always give the same id.</summary>
public static class DemoIds
{
    private static readonly Guid DemoNamespace = new("c4e1f0a2-8d3b-5b7e-9a61-3f2d0c831dea");

    public static Guid For(int seed, string childId, string step) =>
        NameBasedIds.Derive(DemoNamespace, $"{seed}/{childId}/{step}");
}
