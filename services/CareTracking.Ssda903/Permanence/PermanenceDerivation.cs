namespace CareTracking.Ssda903.Permanence;

/// <summary>The 903 rows of a child's permanence facts. Pure; facts in effective-date order, ties in recording order.</summary>
public static class PermanenceDerivation
{
    public static PermanenceRows Derive(IEnumerable<PermanenceFact> facts)
    {
        var placed = new List<PlacedAdoptionRow>();
        var matches = new List<AdoptionMatchRow>();
        var workers = new List<SocialWorkerEpisodeRow>();
        foreach (var fact in facts)
        {
            var openDecision = placed.Count > 0 && placed[^1].DatePlacedCeased is null ? placed[^1] : null;
            var openWorker = workers.Count > 0 && workers[^1].End is null ? workers.Count - 1 : (int?)null;
            switch (fact)
            {
                case AdoptionDecision d when openDecision is null:
                    placed.Add(new PlacedAdoptionRow(d.Date, null, null));
                    break;
                case AdoptionDecisionReversal r when openDecision is not null:
                    placed[^1] = openDecision with { DatePlacedCeased = r.Date, ReasonPlacedCeased = r.Reason };
                    break;
                case AdoptionConsent c when openDecision is not null && openDecision.ConsentedOn is null:
                    placed[^1] = openDecision with { ConsentedOn = c.Date };
                    break;
                case AdoptionMatch m when openDecision is not null:
                    matches.Add(new AdoptionMatchRow(openDecision.DatePlaced, m.Date, m.FormerFosterCarers, m.NumberOfAdopters, m.AdopterSex, m.AdopterLegalStatus));
                    break;
                case SocialWorkerAllocation a:
                    if (openWorker is { } i) workers[i] = workers[i] with { End = a.Date, EndReason = a.Reason };
                    workers.Add(new SocialWorkerEpisodeRow(a.SocialWorkerId, a.Date, null, a.Reason, null));
                    break;
                case SocialWorkerEnd e when openWorker is { } open:
                    workers[open] = workers[open] with { End = e.Date, EndReason = e.Reason };
                    break;
            }
        }
        return new PermanenceRows(placed, matches, workers);
    }
}
