using CareTracking.Contracts.Placements;

namespace CareTracking.Testing;

/// <summary>
/// One child's history as the Placements service would record and announce it, driven by a list of dice, with
/// the messages it publishes (in order, each with the version of its event in the child's stream) and the periods
/// of care it stands at. It follows Placements' rules: a new period only after the latest one ended; moves and an
/// ending only in the open period; a retraction of an ending only for the latest period (a reopened earlier period
/// would overlap a later one); an entry retracted only once its moves and ending were retracted, latest first.
/// Retracting a move publishes a <see cref="PlacementChanged"/>; a UASC change appends an event but publishes
/// nothing. The one model of a Placements history for the consumers' tests (Missing episodes, Reviews): each
/// checks its own period rules against it. The dates of birth and the reasons for ending are the caller's, so a
/// test can vary what it checks and keep the rest fixed.
/// </summary>
public sealed class PlacementsHistory
{
    public const string Authority = "831";
    public const string ChildId = "C-order";
    private static readonly DateOnly FirstPossibleStart = new(2024, 1, 8);
    private static readonly string[] LegalStatuses = ["C2", "V3", "E1", "J2"];
    private readonly DateOnly[] datesOfBirth;
    private readonly string[] reasonsEnded;

    private PlacementsHistory(DateOnly[] datesOfBirth, string[] reasonsEnded) =>
        (this.datesOfBirth, this.reasonsEnded) = (datesOfBirth, reasonsEnded);

    private sealed class Period(DateOnly start, string legalStatus)
    {
        public DateOnly Start { get; } = start;
        public string LegalStatus { get; } = legalStatus;
        public DateOnly? End { get; set; }
        public Stack<DateOnly> Moves { get; } = new();
        public DateOnly LatestDate { get; set; } = start;
    }

    private readonly List<Period> periods = [];
    private readonly List<object> published = [];
    private long version;
    private Period? withdrawn;
    private int nextId;

    /// <summary>The messages in the order Placements published them.</summary>
    public IReadOnlyList<object> Published => published;

    /// <summary>The periods of care the history stands at, in start order.</summary>
    public IReadOnlyList<(DateOnly Start, DateOnly? End, string LegalStatus)> Periods => [.. periods.Select(p => (p.Start, p.End, p.LegalStatus))];

    /// <summary>The date of birth on the latest entry into care announced (withdrawn or not).</summary>
    public DateOnly? DateOfBirth { get; private set; }

    /// <summary>Every date a message names (starts, ends, moves): where reports and returns are worth placing.</summary>
    public IReadOnlyList<DateOnly> Dates => [.. published.SelectMany(DatesIn).Distinct().Order()];

    private static IEnumerable<DateOnly> DatesIn(object message) => message switch
    {
        CarePeriodStarted m => [m.StartDate],
        CarePeriodEnded m => [m.StartDate, m.EndDate],
        PlacementChanged m => [m.Date],
        _ => [],
    };

    /// <summary>Plays one step per pair of dice: the first picks among the steps Placements would accept next, the
    /// second sets its date offset and codes, and which of <paramref name="datesOfBirth"/> an entry into care
    /// carries and which of <paramref name="reasonsEnded"/> an ending.</summary>
    public static PlacementsHistory Play(IEnumerable<(int Step, int Detail)> dice, DateOnly[] datesOfBirth, string[] reasonsEnded)
    {
        var history = new PlacementsHistory(datesOfBirth, reasonsEnded);
        foreach (var (step, detail) in dice)
        {
            var possible = history.PossibleSteps();
            possible[step % possible.Count](detail);
        }
        return history;
    }

    public override string ToString() => string.Join(Environment.NewLine, published);

    private List<Action<int>> PossibleSteps()
    {
        var latest = periods.LastOrDefault();
        var steps = new List<Action<int>> { _ => version++ };  // UASC status changed: an event, no message
        if (latest is not { End: null })
        {
            steps.Add(EnterCare);
            steps.Add(EnterCareForAWholePastPeriod);
            if (withdrawn is { } w && (latest?.End is not { } end || w.Start > end)) steps.Add(detail => EnterCareOn(w.Start, detail));
        }
        if (latest is { End: null })
        {
            steps.Add(detail => Move(latest, detail));
            steps.Add(detail => CeaseCare(latest, detail));
            if (latest.Moves.Count == 0) steps.Add(_ => RetractEntry(latest));
        }
        if (latest is { End: { } ended }) steps.Add(_ => RetractEnding(latest, ended));
        if (latest is { Moves.Count: > 0 }) steps.Add(_ => RetractMove(latest));
        return steps;
    }

    private DateOnly EarliestStart => periods.LastOrDefault()?.End?.AddDays(1) ?? FirstPossibleStart;

    private void EnterCare(int detail) => EnterCareOn(EarliestStart.AddDays(detail % 90), detail);

    private void EnterCareOn(DateOnly start, int detail)
    {
        var period = new Period(start, LegalStatuses[detail % LegalStatuses.Length]);
        var born = datesOfBirth[detail / LegalStatuses.Length % datesOfBirth.Length];
        periods.Add(period);
        DateOfBirth = born;
        Publish(id => new CarePeriodStarted(Authority, ChildId, start, period.LegalStatus, "U4", "DE", "F", born, id, version));
    }

    /// <summary>A past period posted whole (entered care with its ending): two events in one append.</summary>
    private void EnterCareForAWholePastPeriod(int detail)
    {
        EnterCare(detail);
        CeaseCare(periods[^1], detail / 8);
    }

    private void Move(Period period, int detail)
    {
        var date = period.LatestDate.AddDays(1 + detail % 60);
        period.Moves.Push(date);
        period.LatestDate = date;
        Publish(id => new PlacementChanged(Authority, ChildId, date, "K2", "LE", period.LegalStatus, id, version));
    }

    private void CeaseCare(Period period, int detail)
    {
        var end = period.LatestDate.AddDays(1 + detail % 200);
        period.End = end;
        period.LatestDate = end;
        Publish(id => new CarePeriodEnded(Authority, ChildId, period.Start, end, reasonsEnded[detail % reasonsEnded.Length], id, version));
    }

    private void RetractEnding(Period period, DateOnly end)
    {
        period.End = null;
        Publish(id => new CarePeriodReopened(Authority, ChildId, period.Start, end, period.LegalStatus, "U4", "DE", id, version));
    }

    private void RetractMove(Period period)
    {
        var date = period.Moves.Pop();
        Publish(id => new PlacementChanged(Authority, ChildId, date, "U4", "DE", period.LegalStatus, id, version));
    }

    private void RetractEntry(Period period)
    {
        periods.Remove(period);
        withdrawn = period;
        Publish(id => new CarePeriodWithdrawn(Authority, ChildId, period.Start, id, version));
    }

    private void Publish(Func<Guid, object> message)
    {
        version++;
        published.Add(message(new Guid($"00000000-0000-4000-8000-{++nextId:D12}")));
    }
}
