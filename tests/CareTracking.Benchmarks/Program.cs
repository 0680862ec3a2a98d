using CareTracking.Benchmarks;

return args switch
{
    ["indicators", ..] => await IndicatorsBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: dotnet run -c Release --project tests/CareTracking.Benchmarks -- indicators [events=10000000] [authorities=150] [queries=200]");
    return 2;
}
