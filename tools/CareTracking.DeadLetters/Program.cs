using System.CommandLine;
using CareTracking.ServiceDefaults.Messaging;
using CareTracking.Tools;
using RabbitMQ.Client;

// replay-dead-letters: see the description below (--help), and docs/reliability.md ("Replaying dead letters").
var queueOption = new Option<string?>("--queue")
{
    Description = "The endpoint's error queue, <endpoint>_error. Required.",
    HelpName = "QUEUE",
    Validators =
    {
        result =>
        {
            if (result.GetValueOrDefault<string?>() is { } name && !name.EndsWith("_error", StringComparison.Ordinal))
                result.AddError($"--queue '{name}' is not an error queue (<queue>_error).");
        },
    },
};
var listOption = new Option<bool>("--list") { Description = "Show each message's id, contract exchange and failure reason; leave the queue as it is." };
var maxOption = ToolCommandLine.PositiveCount("--max", "Replay at most N messages (default all).");
var uriOption = new Option<string?>("--uri")
{
    Description = "A broker user that may read the error queue and write the contract exchanges (the administrator); "
        + "default CT_AMQP_URI, else the local broker amqp://guest:guest@127.0.0.1:56720/.",
    HelpName = "amqp://user:pass@host:port/vhost",
    Validators =
    {
        result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text
                && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps"))
                result.AddError($"--uri '{text}' is not an amqp:// or amqps:// URI.");
        },
    },
};
var passwordFileOption = new Option<string?>("--password-file") { Description = "A file holding the broker password, instead of one in the URI.", HelpName = "FILE" };
var root = new RootCommand(
    "Replays an endpoint's dead-lettered care messages: by default publishes each message of <endpoint>_error, in order, "
    + "to its contract's exchange (confirmed), then removes it from the error queue; consumers that had applied it drop "
    + "it by message id. Stops at a message it cannot replay.\n"
    + "Exit codes: 0 replayed (or listed); 1 stopped at a message it cannot replay, or the broker refused or could not be "
    + "reached; 2 bad usage (checked before the broker is contacted).")
{
    queueOption, listOption, maxOption, uriOption, passwordFileOption,
};
root.SetAction(_ => 0);

return await ToolCommandLine.InvokeAsync(root, "replay-dead-letters", args, Console.Out, Console.Error, async parsed =>
{
    var queue = parsed.GetValue(queueOption) ?? throw new UsageFault("--queue is missing.");
    var factory = new ConnectionFactory
    {
        Uri = new Uri(parsed.GetValue(uriOption) ?? Environment.GetEnvironmentVariable("CT_AMQP_URI") ?? "amqp://guest:guest@127.0.0.1:56720/"),
        ClientProvidedName = "caretracking-dead-letter-replay",
        // As the services connect: a broker that accepts the connection and never answers fails the run within the
        // deadline (exit 1) instead of holding it for good (BrokerHandshakeDeadline).
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        SocketFactory = BrokerHandshakeDeadline.SocketFactory(BrokerHandshakeDeadline.Deadline),
    };
    if (parsed.GetValue(passwordFileOption) is { } passwordFile) factory.Password = (await File.ReadAllTextAsync(passwordFile)).Trim();
    return await RunAsync(factory, queue, parsed.GetValue(listOption), parsed.GetValue(maxOption) ?? int.MaxValue);
});

static async Task<int> RunAsync(ConnectionFactory factory, string queue, bool list, int max)
{
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
