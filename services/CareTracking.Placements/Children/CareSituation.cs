using System.Collections.Immutable;
using CareTracking.Ssda903.Codes;

namespace CareTracking.Placements.Children;

/// <summary>
/// The child's circumstances at one point of the timeline, after the events up to it. Walking the timeline
/// from <see cref="Before"/> gives the situation on any date; the rules judge each event against the
/// situation just before it.
/// </summary>
internal sealed record CareSituation
{
    public static readonly CareSituation Before = new();

    public bool InCare { get; init; }
    public ChildDetails? Child { get; init; }
    public bool Uasc { get; init; }
    public int PeriodsOfCare { get; init; }
    public DateOnly? PeriodStart { get; init; }
    public DateOnly? EpisodeStart { get; init; }
    public string? LegalStatus { get; init; }
    public DateOnly? LegalStatusSince { get; init; }
    public string? CategoryOfNeed { get; init; }
    public Placement? Placement { get; init; }
    public DateOnly? PlacementSince { get; init; }

    /// <summary>While in a temporary placement (T0–T4): the placement the child must return to (903 rule 383).</summary>
    public Placement? PlacementBeforeTemporary { get; init; }

    public string? HomePostcode { get; init; }
    public DateOnly? LastCeased { get; init; }
    public string? LastReasonCeased { get; init; }

    /// <summary>The short breaks under V3 that have ended, in date order (903 rule 367 totals them).</summary>
    public ImmutableList<ShortBreak> ShortBreaks { get; init; } = [];

    /// <summary>The adoption plan and social worker (Adoption/PermanenceSituation.cs).</summary>
    public PermanenceSituation Permanence { get; init; } = PermanenceSituation.None;

    public CareSituation After(ChildEvent change) =>
        WithShortBreakEnded(change).Apply(change) with { Permanence = Permanence.After(change) };

    /// <summary>A V3 break ends when the legal status changes, with or without a move, or care ends.</summary>
    private CareSituation WithShortBreakEnded(ChildEvent change)
    {
        var ends = InCare && LegalStatus == "V3" && change switch
        {
            LegalStatusChanged changed => changed.LegalStatus != "V3",
            PlacementMoved moved => moved.LegalStatus is not null && moved.LegalStatus != "V3",
            ChildCeasedCare => true,
            _ => false,
        };
        return ends ? this with { ShortBreaks = ShortBreaks.Add(new ShortBreak(LegalStatusSince!.Value, change.Date)) } : this;
    }

    private CareSituation Apply(ChildEvent change) => change switch
    {
        ChildEnteredCare entered => this with
        {
            InCare = true,
            Child = entered.Child,
            Uasc = entered.Child.Uasc,
            PeriodsOfCare = PeriodsOfCare + 1,
            PeriodStart = entered.Date,
            EpisodeStart = entered.Date,
            LegalStatus = entered.LegalStatus,
            LegalStatusSince = entered.Date,
            CategoryOfNeed = entered.CategoryOfNeed,
            Placement = entered.Placement,
            PlacementSince = entered.Date,
            PlacementBeforeTemporary = null,
            HomePostcode = entered.HomePostcode,
        },
        LegalStatusChanged changed => this with
        {
            EpisodeStart = changed.Date,
            LegalStatus = changed.LegalStatus,
            LegalStatusSince = changed.Date,
        },
        PlacementMoved moved => this with
        {
            EpisodeStart = moved.Date,
            Placement = moved.Placement,
            PlacementSince = moved.Date,
            PlacementBeforeTemporary = PlacementTypes.IsTemporary(moved.Placement.Type)
                ? PlacementBeforeTemporary ?? Placement
                : null,
            LegalStatus = moved.LegalStatus ?? LegalStatus,
            LegalStatusSince = moved.LegalStatus is null ? LegalStatusSince : moved.Date,
        },
        ChildCeasedCare ceased => this with
        {
            InCare = false,
            LastCeased = ceased.Date,
            LastReasonCeased = ceased.Reason,
        },
        UascStatusChanged uasc => this with { Uasc = uasc.Uasc },
        ChangingHeader.ChildHeaderChanged header when Child is not null => this with { Child = header.ApplyTo(Child) },
        _ => this,
    };

    /// <summary>The situations after each event of a timeline, in order.</summary>
    public static IEnumerable<(TimelineEntry Entry, CareSituation Before, CareSituation After)> Walk(IEnumerable<TimelineEntry> timeline)
    {
        var situation = Before;
        foreach (var entry in timeline)
        {
            var after = situation.After(entry.Event);
            yield return (entry, situation, after);
            situation = after;
        }
    }

    public static CareSituation AtEnd(IEnumerable<TimelineEntry> timeline) =>
        timeline.Aggregate(Before, (situation, entry) => situation.After(entry.Event));
}
