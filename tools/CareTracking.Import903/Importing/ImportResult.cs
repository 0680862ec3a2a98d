using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;

namespace CareTracking.Import903.Importing;

public sealed record FileCounts(string File, int Read, int Posted, int Rejected)
{
    public bool AddsUp => Read == Posted + Rejected;
}

/// <summary>A service the import could not post to: the rule its rows are rejected with and what happened.</summary>
public sealed record ServiceFailure(string Rule, string Reason);

/// <summary>An import breaks its own accounting (a row with no outcome or two): a bug in the importer, never
/// the return's fault.</summary>
public sealed class AccountingBroken(string message) : Exception(message);

/// <summary>
/// Every row's outcome: posted (every post accepted; in a dry run, would be posted) or rejected with its reason.
/// Built through <see cref="Posted"/> and <see cref="Rejected"/>, which refuse a second outcome for a row.
/// </summary>
public sealed class ImportResult(ImportPlan plan, bool dryRun)
{
    private readonly Dictionary<RowRef, RowRejection?> outcomes = [];
    private readonly Lock gate = new();

    public ImportPlan Plan => plan;
    public bool DryRun => dryRun;

    private readonly Dictionary<Uri, ServiceFailure> serviceFailures = [];

    /// <summary>Services that could not be reached or did not answer in time, by base address (the first failure of each).</summary>
    public IReadOnlyDictionary<Uri, ServiceFailure> ServiceFailures
    {
        get { lock (gate) return new Dictionary<Uri, ServiceFailure>(serviceFailures); }
    }

    /// <summary>Records a service's failure (the first one stays) and returns the failure recorded.</summary>
    public ServiceFailure ServiceFailed(Uri service, string rule, string reason)
    {
        lock (gate)
        {
            if (!serviceFailures.TryGetValue(service, out var failure))
                serviceFailures[service] = failure = new ServiceFailure(rule, reason);
            return failure;
        }
    }

    public ServiceFailure? ServiceFailure(Uri service)
    {
        lock (gate) return serviceFailures.GetValueOrDefault(service);
    }

    /// <summary>Missing reports accepted as awaiting care confirmation (202): kept by the service, not yet incidents.</summary>
    public int AwaitingCare { get; private set; }

    public void Posted(RowRef row, bool awaitingCare = false)
    {
        lock (gate)
        {
            Record(row, null);
            if (awaitingCare) AwaitingCare++;
        }
    }

    public void Rejected(RowRejection rejection)
    {
        lock (gate) Record(rejection.Row, rejection);
    }

    public bool IsRejected(RowRef row)
    {
        lock (gate) return outcomes.TryGetValue(row, out var r) && r is not null;
    }

    public bool IsPosted(RowRef row)
    {
        lock (gate) return outcomes.TryGetValue(row, out var r) && r is null;
    }

    public int Done
    {
        get { lock (gate) return outcomes.Count; }
    }

    public IReadOnlyList<RowRejection> Rejections
    {
        get
        {
            lock (gate)
                return [.. outcomes.Values.OfType<RowRejection>().OrderBy(r => ReturnFile.All.ToList().IndexOf(r.Row.File)).ThenBy(r => r.Row.Number)];
        }
    }

    public IReadOnlyList<FileCounts> Counts
    {
        get
        {
            lock (gate)
                return [.. ReturnFile.All.Select(f => new FileCounts(f, plan.RowsRead.GetValueOrDefault(f),
                    outcomes.Count(o => o.Key.File == f && o.Value is null), outcomes.Count(o => o.Key.File == f && o.Value is not null)))];
        }
    }

    /// <summary>Every row read has exactly one outcome: rows read = posted + rejected, file by file.</summary>
    public void Verify()
    {
        var broken = Counts.Where(c => !c.AddsUp).ToList();
        if (broken.Count > 0)
            throw new AccountingBroken("rows read != posted + rejected for "
                + string.Join(", ", broken.Select(c => $"{c.File} (read {c.Read}, posted {c.Posted}, rejected {c.Rejected})")));
    }

    private void Record(RowRef row, RowRejection? rejection)
    {
        if (!outcomes.TryAdd(row, rejection))
            throw new AccountingBroken($"{row} was given a second outcome.");
    }
}
