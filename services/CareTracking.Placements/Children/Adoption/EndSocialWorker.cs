namespace CareTracking.Placements.Children.Adoption;

/// <summary>The child's social worker stops being so, with no successor named yet.</summary>
public sealed record EndSocialWorker(DateOnly Date, string Reason)
{
    public static IReadOnlyList<ChildEvent> Decide(EndSocialWorker command, Child state, DateTimeOffset now)
    {
        var ended = new SocialWorkerEnded(command.Date, command.Reason);
        if (state.AlreadyRecorded(ended)) return [];
        AdoptionRules.RequireSocialWorkerReason(command.Reason);
        return AdoptionFacts.Record(ended, state, now, "date");
    }
}
