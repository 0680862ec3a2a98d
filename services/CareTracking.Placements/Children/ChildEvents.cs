using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Privacy;

namespace CareTracking.Placements.Children;

// The events of a child's stream (stream id = the case system's child id; the authority travels in the
// event store's metadata). Each carries its effective date: when it happened, which may be long before it
// was recorded. Codes are the 903 guide's, as strings. The event id is the store's, not part of the data.

/// <summary>A fact in a child's care history. Closed: only this assembly declares its cases.</summary>
public abstract record ChildEvent
{
    private protected ChildEvent(DateOnly date) => Date = date;

    /// <summary>The effective date: the day it happened, not the day it was recorded.</summary>
    public DateOnly Date { get; init; }
}

/// <summary>
/// Where the child lives: PLACE (type), PLACE_PROVIDER (provider), PL_POST (postcode) and URN (the Ofsted
/// reference of the setting or agency). Provider may be absent for temporary (T0–T4) and other (Z*) placements.
/// <see cref="LocalAuthority"/> is PL_LA (three-digit LA code, or CON, NIR, SCO, WAL, NUK) and
/// <see cref="DistanceMiles"/> PL_DISTANCE (miles from home, one decimal, 999.9 unknown); both optional.
/// They were added after the first events were stored: an event stored without them reads them as null, so
/// the stored name keeps version 1 (no upcaster needed; absent and null mean the same: not recorded).
/// The postcode is sealed with the child's key (docs/security.md, "Erasure"): it says where the child lives.
/// </summary>
public sealed record Placement(
    string Type, string? Provider = null, [property: PersonalText] string? Postcode = null, string? Urn = null, string? LocalAuthority = null,
    decimal? DistanceMiles = null);

/// <summary>The 903 header facts about the child, as the case system holds them when care begins. <see cref="Upn"/>
/// (the unique pupil number, or UN1–UN5 saying why it is not known), <see cref="Mother"/> (MOTHER: a girl who is a
/// mother) and <see cref="MotherChildDateOfBirth"/> (MC_DOB: her first child's date of birth) were added later: entries
/// stored without them read them as null (not recorded), so the stored name keeps version 1. The UPN is sealed with the
/// child's key; the date of birth is not (docs/security.md, "Erasure", says why).</summary>
public sealed record ChildDetails(string Sex, DateOnly DateOfBirth, string Ethnicity, bool Uasc,
    [property: PersonalText] string? Upn = null, bool? Mother = null, DateOnly? MotherChildDateOfBirth = null);

/// <summary>The child started to be looked after: a period of care begins (903 RNE S).
/// <see cref="PreviousPermanence"/> (903 PrevPerm) was added later: events stored without it read it as null
/// (not recorded), so the stored name keeps version 1. The home postcode is sealed with the child's key.</summary>
[EventType("placements.child-entered-care", 1)]
public sealed record ChildEnteredCare(
    DateOnly Date,
    string LegalStatus,
    string CategoryOfNeed,
    Placement Placement,
    [property: PersonalText] string? HomePostcode,
    ChildDetails Child,
    PreviousPermanence? PreviousPermanence = null) : ChildEvent(Date);

/// <summary>The legal status changed, placement unchanged (903 RNE L).</summary>
[EventType("placements.legal-status-changed", 1)]
public sealed record LegalStatusChanged(DateOnly Date, string LegalStatus) : ChildEvent(Date);

/// <summary>
/// The child moved placement. <see cref="LegalStatus"/> is given only when the legal status changed the
/// same day. <see cref="ReasonNewEpisode"/> (P, T, B or U) follows from <see cref="SameCarer"/> and
/// whether the legal status changed; it is stored so that readers of the feed need not derive it.
/// <see cref="Reason"/> is REASON_PLACE_CHANGE, which the 903 records against the episode that ends.
/// </summary>
[EventType("placements.placement-moved", 1)]
public sealed record PlacementMoved(
    DateOnly Date,
    Placement Placement,
    bool SameCarer,
    string? Reason,
    string? LegalStatus,
    string ReasonNewEpisode) : ChildEvent(Date);

/// <summary>The child ceased to be looked after: the period of care ends with <see cref="Reason"/> (REC).</summary>
[EventType("placements.child-ceased-care", 1)]
public sealed record ChildCeasedCare(DateOnly Date, string Reason) : ChildEvent(Date);

/// <summary>The child became, or stopped being, an unaccompanied asylum-seeking child (UASC).</summary>
[EventType("placements.uasc-status-changed", 1)]
public sealed record UascStatusChanged(DateOnly Date, bool Uasc) : ChildEvent(Date);

/// <summary>
/// A mistaken event is withdrawn from the history; the right one, if any, is posted after it.
/// <see cref="Date"/> is the retracted event's effective date, so readers know which part of the history
/// changed. <see cref="Reason"/> is free text, sealed with the child's key.
/// </summary>
[EventType("placements.event-retracted", 1)]
public sealed record EventRetracted(DateOnly Date, Guid RetractedEventId, [property: PersonalText] string Reason) : ChildEvent(Date);

/// <summary>An event as read from the store: its id (from the store's metadata) and its data.</summary>
public sealed record RecordedEvent(Guid Id, ChildEvent Data);
