namespace CareTracking.Placements.Children.Adoption;

/// <summary>A social worker becomes the child's social worker from <see cref="From"/>.</summary>
public sealed record AllocateSocialWorker(DateOnly From, string SocialWorkerId, string Reason)
{
    public static IReadOnlyList<ChildEvent> Decide(AllocateSocialWorker command, Child state, DateTimeOffset now)
    {
        var allocated = new SocialWorkerAllocated(command.From, command.SocialWorkerId, command.Reason);
        if (state.AlreadyRecorded(allocated)) return [];
        AdoptionRules.RequireSocialWorker(command.SocialWorkerId, command.Reason);
        return AdoptionFacts.Record(allocated, state, now, "from");
    }
}
