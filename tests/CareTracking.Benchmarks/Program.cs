using CareTracking.Benchmarks;

// dotnet run -c Release --project tests/CareTracking.Benchmarks -- <benchmark> [options]
return args.FirstOrDefault() switch
{
    "missing-alerts" => await MissingAlertsBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CareTracking.Benchmarks missing-alerts [--rate N] [--seconds N]");
    return 2;
}
