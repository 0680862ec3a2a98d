using CareTracking.Ssda903.CareLeavers;
using CareTracking.Ssda903.Health;

namespace CareTracking.Indicators.Model;

// What the health and care-leaver measures are computed from: each child's 903 history beside the facts the
// Health and Leaving-care services record, as the Indicators projection folds them from those services' events
// (Committee/ChildHistories.cs); the measures are pure functions over them (docs/measures.md, "Health and care leavers").

/// <summary>One child's health facts beside their care history.</summary>
public sealed record ChildHealthRecord(ChildHistory History, HealthFacts Health);

/// <summary>One young person's leaving-care facts beside their care history.</summary>
public sealed record CareLeaverRecord(ChildHistory History, CareLeaverFacts Facts);
