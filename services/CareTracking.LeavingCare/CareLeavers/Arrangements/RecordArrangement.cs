using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.CareLeavers;

namespace CareTracking.LeavingCare.CareLeavers.Arrangements;

/// <summary>Record a staying-put arrangement with former foster carers (Children Act 1989 s23CZA, from the 18th
/// birthday) from <see cref="From"/>, and its end <see cref="To"/> when known. Posting the same start again with an
/// end records the end.</summary>
public sealed record RecordStayingPut(DateOnly From, DateOnly? To)
{
    public const int FromAge = 18;

    public static IReadOnlyList<CareLeaverEvent> Decide(RecordStayingPut command, CareLeaver state, DateTimeOffset now) =>
        LivingArrangements.Decide("staying-put", FromAge, state.StayingPut, new LivingArrangement(command.From, command.To), state, now)
            ? [new StayingPutRecorded(command.From, command.To)]
            : [];
}

/// <summary>Record a supported-lodgings arrangement (a home with a host, for care leavers from 16) from
/// <see cref="From"/>, and its end <see cref="To"/> when known.</summary>
public sealed record RecordSupportedLodgings(DateOnly From, DateOnly? To)
{
    public const int FromAge = 16;

    public static IReadOnlyList<CareLeaverEvent> Decide(RecordSupportedLodgings command, CareLeaver state, DateTimeOffset now) =>
        LivingArrangements.Decide("supported-lodgings", FromAge, state.SupportedLodgings, new LivingArrangement(command.From, command.To), state, now)
            ? [new SupportedLodgingsRecorded(command.From, command.To)]
            : [];
}

/// <summary>The rules both kinds of arrangement meet. An arrangement is named by its start: the same start and
/// end again is a no-op; an open arrangement may be ended; an ended one cannot be changed (post a correction when
/// the service gets one). Arrangements of one kind do not overlap.</summary>
internal static class LivingArrangements
{
    /// <summary>True when the arrangement is to be recorded; false when it is already recorded as given.</summary>
    public static bool Decide(string fact, int fromAge, IReadOnlyList<LivingArrangement> existing, LivingArrangement arrangement, CareLeaver state, DateTimeOffset now)
    {
        if (arrangement.To is { } to && to <= arrangement.From)
            throw new RuleViolation("to", $"{fact}.ends-before-it-starts", "The end must be after the start.");
        var same = existing.FirstOrDefault(a => a.From == arrangement.From);
        if (same == arrangement) return false;
        if (same is { To: not null })
            throw new RuleViolation("to", $"{fact}.already-ended", "This arrangement is already recorded as ended on another date.");
        if (same is { To: null } && arrangement.To is null) return false;

        CareLeaverRules.RequireDated(state, fact, "from", arrangement.From, now);
        if (arrangement.To is { } end) CareLeaverRules.RequireDated(state, fact, "to", end, now);
        if (CareLeaverRules.AgeOn(state, arrangement.From) < fromAge)
            throw new RuleViolation("from", $"{fact}.under-{fromAge}", $"This arrangement begins at {fromAge} or over.");
        CareLeaverRules.RequireCareLeaverOrAwaiting(state, fact, "from", arrangement.From);
        if (existing.Any(a => a.From != arrangement.From && Overlaps(a, arrangement)))
            throw new RuleViolation("from", $"{fact}.overlaps", "Another arrangement of this kind covers part of these dates.");
        return true;
    }

    private static bool Overlaps(LivingArrangement a, LivingArrangement b) =>
        (a.To is null || b.From < a.To) && (b.To is null || a.From < b.To);
}
