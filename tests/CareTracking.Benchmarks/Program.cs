using CareTracking.Benchmarks;

// Benchmarks print figures; they are programs, not timed tests. See docs/benchmarks.md.
// They feed, relay and project by themselves, as the services' background services do (docs/security.md).
using var background = CareTracking.EventStore.WorkerConnections.Grant("benchmarks");
var mode = args.FirstOrDefault() ?? "help";
return mode switch
{
    "eventstore" => await EventStoreBenchmark.RunAsync(args[1..]),
    "indicators" => await IndicatorsBenchmark.RunAsync(args[1..]),
    "missing-alerts" => await MissingAlertsBenchmark.RunAsync(args[1..]),
    "feed-poll" => await FeedPollBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/CareTracking.Benchmarks -- eventstore [--seconds 15] [--writers 1,8] [--rebuild-events 1000000] [--trace-sql] [--sealing]");
    Console.Error.WriteLine("       dotnet run -c Release --project tests/CareTracking.Benchmarks -- indicators [EVENTS [AUTHORITIES [QUERIES]]] (plain numbers; default 10000000 150 200)");
    Console.Error.WriteLine("       dotnet run -c Release --project tests/CareTracking.Benchmarks -- missing-alerts [--rate 50] [--seconds 60]");
    Console.Error.WriteLine("       dotnet run -c Release --project tests/CareTracking.Benchmarks -- feed-poll [--others 200000]");
    return 2;
}
