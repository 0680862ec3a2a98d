using CareTracking.ServiceDefaults.Messaging;
using RabbitMQ.Client;

// replay-dead-letters: see Usage, and docs/reliability.md ("Replaying dead letters").
string? queue = null, uri = Environment.GetEnvironmentVariable("CT_AMQP_URI"), passwordFile = null;
var list = false;
var max = int.MaxValue;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--queue" when i + 1 < args.Length: queue = args[++i]; break;
        case "--uri" when i + 1 < args.Length: uri = args[++i]; break;
        case "--password-file" when i + 1 < args.Length: passwordFile = args[++i]; break;
        case "--max" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0: max = n; i++; break;
        case "--list": list = true; break;
        default: return Usage($"unknown or incomplete argument '{args[i]}'");
    }
}
if (queue is null) return Usage("--queue is required");
if (!queue.EndsWith("_error", StringComparison.Ordinal)) return Usage($"'{queue}' is not an error queue (<queue>_error)");

var factory = new ConnectionFactory { Uri = new Uri(uri ?? "amqp://guest:guest@127.0.0.1:56720/"), ClientProvidedName = "caretracking-dead-letter-replay" };
if (passwordFile is not null) factory.Password = (await File.ReadAllTextAsync(passwordFile)).Trim();

try
{
    return list ? await ListAsync(factory, queue) : await ReplayAsync(factory, queue, max);
}
catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
{
    // Unreachable broker, refused user, or no such vhost or queue: one line, not a stack trace.
    Console.Error.WriteLine($"replay-dead-letters: {e.Message} {e.InnerException?.Message}");
    return 1;
}

static async Task<int> ListAsync(ConnectionFactory factory, string queue)
{
    var messages = await DeadLetterReplay.ListAsync(factory, queue);
    Console.WriteLine($"{messages.Count} message(s) in {queue} (bodies not shown: they hold child data)");
    foreach (var m in messages)
        Console.WriteLine($"  {m.MessageId}  → {m.ContractExchange ?? "(not a contract message: cannot be replayed)"}  {m.Reason}");
    return 0;
}

static async Task<int> ReplayAsync(ConnectionFactory factory, string queue, int max)
{
    var result = await DeadLetterReplay.ReplayAsync(factory, queue, max);
    Console.WriteLine($"replayed {result.Replayed} message(s) from {queue} through their contract exchanges; {result.Left} left in the queue");
    if (result.StoppedBecause is { } why)
    {
        Console.Error.WriteLine($"stopped: {why}");
        return 1;
    }
    return 0;
}

static int Usage(string problem)
{
    Console.Error.WriteLine($"replay-dead-letters: {problem}");
    Console.Error.WriteLine("usage: replay-dead-letters --queue <endpoint>_error [--list] [--max N] [--uri amqp://user:pass@host:port/vhost] [--password-file FILE]");
    Console.Error.WriteLine("  --list   show each message's id, contract exchange and failure reason; leave the queue as it is");
    Console.Error.WriteLine("  default  publish each message, in order, to its contract's exchange (confirmed), then remove it from the error queue;");
    Console.Error.WriteLine("           consumers that had applied it drop it by message id. Stops at a message it cannot replay.");
    Console.Error.WriteLine("  --uri    a broker user that may read the error queue and write the contract exchanges (the administrator);");
    Console.Error.WriteLine("           default CT_AMQP_URI, else the local broker amqp://guest:guest@127.0.0.1:56720/");
    return 2;
}
