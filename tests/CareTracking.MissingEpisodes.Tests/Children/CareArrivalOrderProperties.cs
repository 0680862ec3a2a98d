using CareTracking.Contracts.Placements;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CareTracking.MissingEpisodes.Tests.Children;

/// <summary>
/// MassTransit consumes concurrently and redelivers after a failure, so a child's care messages reach Missing
/// episodes in any order and some more than once. One or two reports (and a return of the first) are made at
/// points of Placements' history: all the messages published before a report have arrived when it does (in any
/// order), none published after it. Whatever the order, once all have arrived, the periods of care, which
/// reports are confirmed and which episodes are closed at the end of care (and at which end) are those of
/// in-order delivery, and no report is ever confirmed (alerted) that in-order delivery does not confirm.
/// </summary>
public class CareArrivalOrderProperties
{
    public sealed record Arrival(PlacementsHistory History, IReadOnlyList<object> InOrder, IReadOnlyList<object> Arrived)
    {
        public override string ToString() =>
            $"In order:{Environment.NewLine}{string.Join(Environment.NewLine, InOrder)}{Environment.NewLine}"
            + $"Arrived:{Environment.NewLine}{string.Join(Environment.NewLine, Arrived)}";
    }

    // One date of birth (18 on 15 March 2026, within the dates the histories reach) and a REC that varies.
    private static readonly DateOnly[] DatesOfBirth = [new(2008, 3, 15)];
    private static readonly string[] ReasonsEnded = ["E13", "E4A", "E8"];

    private static readonly Gen<(int, int)> Dice = Gen.Zip(Gen.Choose(0, 99), Gen.Choose(0, 999));

    private static readonly Arbitrary<Arrival> Arrivals = Arb.From(
        from length in Gen.Choose(1, 14)
        from dice in Gen.ListOf(Dice, length)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select Arrange(PlacementsHistory.Play(dice, DatesOfBirth, ReasonsEnded), new Random(seed)));

    private static readonly Guid First = new("00000000-0000-4000-8000-0000000000e1");
    private static readonly Guid Second = new("00000000-0000-4000-8000-0000000000e2");

    /// <summary>
    /// Places one or two reports in the history (often before any message: held), the first sometimes returned
    /// just before the second, on dates near those the messages name; then shuffles the messages between two
    /// reports, with redeliveries of any message already published.
    /// </summary>
    private static Arrival Arrange(PlacementsHistory history, Random random)
    {
        var published = history.Published;
        var dates = history.Dates.Append(new DateOnly(2024, 2, 1))
            .SelectMany(d => new[] { d.AddDays(-1), d, d.AddDays(1) }).Distinct().Order().ToArray();
        int Position() => random.Next(10) < 4 ? 0 : random.Next(published.Count + 1);
        var reports = new List<(int Position, object Step)>();
        var first = new ReportStep(First, dates[random.Next(dates.Length)]);
        reports.Add((Position(), first));
        if (random.Next(2) == 0)
        {
            var second = new ReportStep(Second, dates[random.Next(dates.Length)]);
            var at = Position();
            if (random.Next(2) == 0) reports.Add((at, new ReturnStep(First, first.LastSeenAt.AddDays(random.Next(1, 40)))));
            reports.Add((at, second));
        }
        reports.Sort((a, b) => a.Position.CompareTo(b.Position));

        var inOrder = new List<object>();
        var arrived = new List<object>();
        var from = 0;
        foreach (var segmentEnd in reports.Select(r => r.Position).Append(published.Count).Distinct())
        {
            var segment = published.Skip(from).Take(segmentEnd - from).ToList();
            inOrder.AddRange(segment);
            var redelivered = published.Take(segmentEnd).Where(_ => random.Next(6) == 0);
            arrived.AddRange(segment.Concat(redelivered).OrderBy(_ => random.Next()));
            foreach (var (_, step) in reports.Where(r => r.Position == segmentEnd))
            {
                inOrder.Add(step);
                arrived.Add(step);
            }
            from = segmentEnd;
        }
        return new Arrival(history, inOrder, arrived);
    }

    [Property(MaxTest = 3000)]
    public Property every_order_of_arrival_gives_the_periods_confirmations_and_closures_of_in_order_delivery() =>
        Prop.ForAll(Arrivals, arrival =>
        {
            var inOrder = MissingServiceModel.Run(arrival.InOrder);
            var arrived = MissingServiceModel.Run(arrival.Arrived);

            // The reports and returns were answered alike.
            Assert.Equal(inOrder.Answers, arrived.Answers);
            // (1) The periods of care are Placements' own.
            Assert.Equal([.. arrival.History.Periods.Select(p => (p.Start, p.End))], [.. arrived.Child.CarePeriods.Select(p => (p.StartDate, p.EndDate))]);
            Assert.Equal(inOrder.Child.CarePeriods, arrived.Child.CarePeriods);
            foreach (var id in inOrder.Streams.Keys.Union(arrived.Streams.Keys))
            {
                var (expected, actual) = (inOrder.EpisodeOf(id)!, arrived.EpisodeOf(id)!);
                var (expectedEntry, actualEntry) = (inOrder.Child.Episodes.Single(e => e.EpisodeId == id), arrived.Child.Episodes.Single(e => e.EpisodeId == id));
                // (2) Confirmed or held, in the episode and in the child's index.
                Assert.Equal(expected.AwaitingCareConfirmation, actual.AwaitingCareConfirmation);
                Assert.Equal(expectedEntry.AwaitingCareConfirmation, actualEntry.AwaitingCareConfirmation);
                Assert.Equal(expected.AwaitingCareConfirmation, actualEntry.AwaitingCareConfirmation);
                // Police alerts go with a confirmation: never one that in-order delivery does not make, never twice.
                Assert.Equal(Confirmations(inOrder, id), Confirmations(arrived, id));
                Assert.True(Confirmations(arrived, id) <= 1);
                // (3) Closed at the end of care or not, at which end (and for which reason), and the index agrees.
                Assert.Equal(expected.ClosedAtEndOfCare, actual.ClosedAtEndOfCare);
                Assert.Equal((expectedEntry.ClosedOn, expectedEntry.ClosedInPeriodStarting), (actualEntry.ClosedOn, actualEntry.ClosedInPeriodStarting));
                Assert.Equal(expected.ClosedAtEndOfCare?.EndedOn, actualEntry.ClosedOn);
                Assert.Equal((expected.ReturnedAt, expected.IsOpen), (actual.ReturnedAt, actual.IsOpen));
            }
        });

    [Fact]
    public void the_arrivals_generated_reach_the_cases_that_matter()
    {
        var samples = Gen.Sample(Arrivals.Generator, 3000).Select(a => (Arrival: a, Run: MissingServiceModel.Run(a.Arrived))).ToList();
        // Held reports confirmed by a message, and held reports never confirmed.
        Assert.Contains(samples, s => s.Run.Streams.Values.Any(e => e.OfType<EpisodeCareConfirmed>().Any()));
        Assert.Contains(samples, s => s.Run.Child.AwaitingCareConfirmation.Any());
        // Episodes closed at the end of care, reopened by a retraction, and a closure moved because a message
        // arrived late.
        Assert.Contains(samples, s => s.Run.Streams.Values.Any(e => e.LastOrDefault() is EpisodeClosedAtEndOfCare));
        Assert.Contains(samples, s => s.Run.Streams.Values.Any(e => e.OfType<EpisodeReopened>().Any(r => r.Correction == CareCorrection.PeriodReopened)));
        Assert.Contains(samples, s => s.Run.Streams.Values.Any(e => e.OfType<EpisodeReopened>().Any(r => r.Correction == CareCorrection.PeriodRestated)));
        // Two episodes of the child, and a correction arriving before what it corrects.
        Assert.Contains(samples, s => s.Run.Streams.Count == 2);
        Assert.Contains(samples, s => ArrivesBefore<CarePeriodWithdrawn, CarePeriodStarted>(s.Arrival.Arrived,
            (withdrawn, started) => started.StartDate == withdrawn.StartDate && started.SourceVersion < withdrawn.SourceVersion));
        Assert.Contains(samples, s => ArrivesBefore<CarePeriodReopened, CarePeriodEnded>(s.Arrival.Arrived,
            (reopened, ended) => ended.EndDate == reopened.RetractedEndDate && ended.SourceVersion < reopened.SourceVersion));
    }

    private static int Confirmations(MissingServiceModel service, Guid episodeId) =>
        service.Streams.GetValueOrDefault(episodeId)?.OfType<EpisodeCareConfirmed>().Count() ?? 0;

    private static bool ArrivesBefore<TFirst, TThen>(IReadOnlyList<object> messages, Func<TFirst, TThen, bool> related) =>
        messages.Select((m, i) => (m, i)).Any(first => first.m is TFirst a && messages.Skip(first.i + 1).OfType<TThen>().Any(b => related(a, b)));
}
