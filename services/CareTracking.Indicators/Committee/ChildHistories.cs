using CareTracking.Indicators.Model;
using CareTracking.Indicators.Projections;
using CareTracking.Ssda903.CareLeavers;
using CareTracking.Ssda903.Episodes;
using CareTracking.Ssda903.Health;
using CareTracking.Ssda903.Permanence;

namespace CareTracking.Indicators.Committee;

/// <summary>One projected event: whose it is (the child, or for later missing-episode events only the
/// episode), when it was recorded, and its data read into the Indicators' own records.</summary>
public sealed record ProjectedEvent(long Sequence, Guid EventId, string? ChildId, Guid? EpisodeId, DateTimeOffset RecordedAt, object Data);

/// <summary>A child's history in 903 terms, with the IROs allocated (for the IRO work lists), the facts the
/// Health and Leaving-care services recorded (for the health and care-leaver measures), and the child's details
/// as last given on entering care (for the 903 header; null when no entry to care is known).</summary>
public sealed record ChildRecord(ChildHistory History, IReadOnlyList<IroAllocated> Iros, HealthFacts Health, CareLeaverFacts CareLeaver, ChildView? Details = null);

/// <summary>
/// Turns the projected events of one authority into each child's history as known at an instant: the
/// Placements events give the 903 episodes (by the shared 903 derivation), the UASC spells and the date of
/// birth; missing-episode events give the incidents; Reviews events the reviews held and IRO allocations;
/// Health and Leaving-care events the health and care-leaver facts.
/// Pure: the same events and instant always give the same histories.
/// </summary>
public static class ChildHistories
{
    /// <param name="events">In recording (sequence) order.</param>
    /// <param name="knownAt">Only events recorded at or before it; all when null.</param>
    public static IReadOnlyList<ChildRecord> Build(string authority, IReadOnlyList<ProjectedEvent> events, DateTimeOffset? knownAt)
    {
        var known = knownAt is { } k ? events.Where(e => e.RecordedAt <= k) : events;
        var childOfEpisode = new Dictionary<Guid, string>();
        foreach (var e in events)
            if (e.Data is MissingEpisodeReported reported && (knownAt is null || e.RecordedAt <= knownAt))
                childOfEpisode.TryAdd(reported.EpisodeId, reported.ChildId);

        var byChild = new Dictionary<string, List<ProjectedEvent>>(StringComparer.Ordinal);
        foreach (var e in known)
        {
            var child = e.ChildId ?? (e.EpisodeId is { } episode && childOfEpisode.TryGetValue(episode, out var c) ? c : null);
            if (child is null) continue;
            if (!byChild.TryGetValue(child, out var list)) byChild[child] = list = [];
            list.Add(e);
        }
        return [.. byChild.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => Child(authority, c.Key, c.Value))];
    }

    /// <summary>One child's history from its events (in recording order), as <see cref="Build"/> folds each.</summary>
    internal static ChildRecord Child(string authority, string childId, List<ProjectedEvent> events)
    {
        var retracted = events.Select(e => e.Data).OfType<EventRetracted>().Select(r => r.RetractedEventId).ToHashSet();
        var care = events.Where(e => !retracted.Contains(e.EventId)).Select(e => e.Data).ToList();
        var episodes = EpisodeDerivation.Derive(care.Select(CareChangeOf).OfType<CareChange>());
        var iros = care.OfType<IroAllocated>().OrderBy(a => a.Date).ToList();
        var history = new ChildHistory(
            authority,
            childId,
            care.OfType<ChildEnteredCare>().LastOrDefault()?.Child.DateOfBirth,
            episodes,
            UascSpells(care),
            MissingIncidents(events),
            Reviews(events),
            [.. iros.Select(a => new IroAllocationRecord(a.Date))],
            care.OfType<ChildEnteredCare>().LastOrDefault()?.Child.Ethnicity,
            PermanenceDerivation.Derive(care.Select(PermanenceFactOf).OfType<PermanenceFact>().OrderBy(f => f.Date)),
            [.. care.OfType<ChildEnteredCare>().Where(e => e.PreviousPermanence is not null)
                .Select(e => new PreviousPermanenceRecord(e.Date, e.PreviousPermanence!.Option, e.PreviousPermanence.Date, e.PreviousPermanence.Authority))]);
        return new ChildRecord(history, iros, HealthOf(care), CareLeaverOf(care), DetailsOf(care));
    }

    /// <summary>The details given on the latest entry to care, with the UPN, MOTHER and MC_DOB changes dated from that
    /// entry on applied in date order (ties in recording order), as Placements holds them.</summary>
    private static ChildView? DetailsOf(IEnumerable<object> care)
    {
        var entered = care.OfType<ChildEnteredCare>().LastOrDefault();
        if (entered is null) return null;
        return care.OfType<ChildHeaderChanged>().Where(c => c.Date >= entered.Date).OrderBy(c => c.Date).Aggregate(entered.Child, (details, c) => details with
        {
            Upn = c.Upn ?? details.Upn,
            Mother = c.Mother ?? details.Mother,
            MotherChildDateOfBirth = c.MotherChildDateOfBirth ?? details.MotherChildDateOfBirth,
        });
    }

    private static HealthFacts HealthOf(List<object> data) => new(
        [.. data.OfType<HealthAssessmentRequested>().Select(r => new AssessmentRequest(r.RequestedOn, r.Kind))],
        [.. data.OfType<HealthAssessmentCarriedOut>().Select(a => new HealthAssessment(a.Date, a.Kind))],
        [.. data.OfType<ImmunisationsChecked>().Select(i => new ImmunisationCheck(i.Date, i.UpToDate))],
        [.. data.OfType<DentalCheckDone>().Select(d => d.Date)],
        [.. data.OfType<DevelopmentCheckDone>().Select(d => d.Date)],
        [.. data.OfType<SdqRecorded>().Select(q => new SdqResult(q.Date, q.Score, q.Reason))],
        [.. data.OfType<SubstanceMisuseIdentified>().Select(m => new SubstanceMisuseIdentification(m.Date, m.InterventionOffered, m.InterventionReceived))],
        [.. data.OfType<ConvictionRecorded>().Select(c => c.Date)]);

    /// <summary>An arrangement recorded again for the same start replaces the earlier record (it gives the end).</summary>
    private static CareLeaverFacts CareLeaverOf(List<object> data)
    {
        var stayingPut = new SortedDictionary<DateOnly, LivingArrangement>();
        var lodgings = new SortedDictionary<DateOnly, LivingArrangement>();
        foreach (var d in data)
            switch (d)
            {
                case StayingPutRecorded s: stayingPut[s.From] = new LivingArrangement(s.From, s.To); break;
                case SupportedLodgingsRecorded l: lodgings[l.From] = new LivingArrangement(l.From, l.To); break;
            }
        return new CareLeaverFacts(
            [.. data.OfType<CareLeaverContactRecorded>().Select(c => new CareLeaverContact(c.Date, c.InTouch, c.Activity, c.Accommodation))],
            [.. data.OfType<PersonalAdviserAllocated>().Select(a => new PersonalAdviserAllocation(a.Date, a.AdviserId))],
            [.. stayingPut.Values],
            [.. lodgings.Values],
            [.. data.OfType<PathwayPlanReviewed>().Select(p => p.Date)]);
    }

    private static CareChange? CareChangeOf(object data) => data switch
    {
        ChildEnteredCare e => new EnteredCare(e.Date, e.LegalStatus, e.CategoryOfNeed, Details(e.Placement), e.HomePostcode),
        LegalStatusChanged e => new LegalStatusChange(e.Date, e.LegalStatus),
        PlacementMoved e => new PlacementMove(e.Date, Details(e.Placement), e.ReasonNewEpisode, e.Reason, e.LegalStatus),
        ChildCeasedCare e => new CeasedCare(e.Date, e.Reason),
        _ => null,
    };

    /// <summary>The adoption plan and social workers in 903 terms; ordered by date (ties in recording order) by the caller.</summary>
    private static PermanenceFact? PermanenceFactOf(object data) => data switch
    {
        AdoptionDecisionMade e => new AdoptionDecision(e.Date),
        AdoptionDecisionReversed e => new AdoptionDecisionReversal(e.Date, e.Reason),
        AdoptionConsentGiven e => new AdoptionConsent(e.Date),
        AdoptionMatchMade e => new AdoptionMatch(e.Date, e.NumberOfAdopters, e.AdopterSex, e.AdopterLegalStatus, e.FormerFosterCarers),
        SocialWorkerAllocated e => new SocialWorkerAllocation(e.Date, e.SocialWorkerId, e.Reason),
        SocialWorkerEnded e => new SocialWorkerEnd(e.Date, e.Reason),
        _ => null,
    };

    private static PlacementDetails Details(PlacementView p) => new(p.Type, p.Provider, p.Postcode, p.Urn, p.LocalAuthority, p.DistanceMiles);

    /// <summary>UASC from the status given on entering care and each later change, by effective date.</summary>
    private static IReadOnlyList<UascSpell> UascSpells(List<object> care)
    {
        var changes = care
            .Select(d => d switch
            {
                ChildEnteredCare e => ((DateOnly Date, bool Uasc)?)(e.Date, e.Child.Uasc),
                UascStatusChanged u => (u.Date, u.Uasc),
                _ => null,
            })
            .OfType<(DateOnly Date, bool Uasc)>()
            .OrderBy(c => c.Date);
        var spells = new List<UascSpell>();
        DateOnly? from = null;
        foreach (var (date, uasc) in changes)
        {
            if (uasc && from is null) from = date;
            else if (!uasc && from is { } start)
            {
                spells.Add(new UascSpell(start, date));
                from = null;
            }
        }
        if (from is { } open) spells.Add(new UascSpell(open, null));
        return spells;
    }

    private static IReadOnlyList<MissingIncident> MissingIncidents(List<ProjectedEvent> events) =>
    [
        .. events.Where(e => e.EpisodeId is not null).GroupBy(e => e.EpisodeId!.Value).Select(episode =>
        {
            var data = episode.Select(e => e.Data).ToList();
            if (data.OfType<MissingEpisodeReported>().FirstOrDefault() is not { } reported) return null;
            var interviews = data.Select(d => d switch
            {
                ReturnInterviewOffered o => o.At,
                ReturnInterviewAccepted a => a.At,
                ReturnInterviewDeclined d2 => d2.At,
                ReturnInterviewCompleted c => (DateTimeOffset?)c.At,
                _ => null,
            }).OfType<DateTimeOffset>().ToList();
            var returned = data.OfType<ChildReturned>().LastOrDefault()?.ReturnedAt;
            return new MissingIncident(
                reported.Kind == "A" ? MissingKind.Away : MissingKind.Missing,
                reported.LastSeenAt,
                returned,
                interviews.Count > 0 ? interviews.Min() : null,
                InterviewAccepted: data.Any(d => d is ReturnInterviewAccepted or ReturnInterviewCompleted),
                InterviewCompleted: data.Any(d => d is ReturnInterviewCompleted),
                ClosedAtEndOfCare: returned is null ? ClosedAtEndOfCare(data) : null)
            {
                HighestRiskLevel = HighestRiskLevel(data.Select(d => d switch
                {
                    MissingEpisodeReported r => r.RiskLevel,
                    RiskLevelChanged c => c.RiskLevel,
                    _ => null,
                })),
                CriminalExploitation = reported.ExploitationRisk?.Criminal == true,
                SexualExploitation = reported.ExploitationRisk?.Sexual == true,
                FoundArea = data.OfType<ChildReturned>().LastOrDefault()?.FoundArea?.Trim() is { Length: > 0 } area ? area : null,
                InterviewCompletedAt = data.OfType<ReturnInterviewCompleted>().Select(c => (DateTimeOffset?)c.At).Min(),
            };
        }).OfType<MissingIncident>(),
    ];

    private static readonly string[] RiskLevels = ["low", "medium", "high"];

    /// <summary>The highest of the levels the episode had (low &lt; medium &lt; high); unknown codes are passed over.</summary>
    private static string? HighestRiskLevel(IEnumerable<string?> levels) =>
        levels.Where(l => l is not null && RiskLevels.Contains(l)).MaxBy(l => Array.IndexOf(RiskLevels, l));

    /// <summary>The date the episode was closed because care ended, as the closures and their retractions
    /// stand in recording order (a return, when there is one, is the episode's end instead).</summary>
    private static DateOnly? ClosedAtEndOfCare(List<object> data)
    {
        DateOnly? closed = null;
        foreach (var d in data)
            closed = d switch
            {
                EpisodeClosedAtEndOfCare c => c.EndedOn,
                EpisodeReopened => null,
                _ => closed,
            };
        return closed;
    }

    /// <summary>The reviews that stand: one per date, after cancellations and corrections in recording order.</summary>
    private static IReadOnlyList<ReviewRecord> Reviews(List<ProjectedEvent> events)
    {
        var byDate = new SortedDictionary<DateOnly, string?>();
        foreach (var data in events.Select(e => e.Data))
            switch (data)
            {
                case ReviewHeld held: byDate[held.Date] = held.Participation; break;
                case ReviewCancelled cancelled: byDate.Remove(cancelled.Date); break;
                case ReviewCorrected corrected:
                    byDate.Remove(corrected.ReviewDate);
                    byDate[corrected.Date] = corrected.Participation;
                    break;
            }
        return [.. byDate.Select(r => new ReviewRecord(r.Key, r.Value))];
    }
}
