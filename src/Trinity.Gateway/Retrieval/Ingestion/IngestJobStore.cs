using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Job records in memory: finished jobs are dropped after <see cref="IngestionOptions.JobTtl"/>, and the
/// oldest finished ones first when there are more than <see cref="IngestionOptions.MaxJobRecords"/>. Jobs still queued
/// or running are never dropped (the bounded queue limits how many there are).</summary>
internal sealed class IngestJobStore(IOptions<IngestionOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IngestJob> _jobs = new(StringComparer.Ordinal);

    public int Count => _jobs.Count;

    public IngestJob Create(IngestPlan plan)
    {
        Prune(room: 1);
        var job = new IngestJob($"ingest-{Guid.NewGuid():N}", plan, time.GetUtcNow());
        _jobs[job.Id] = job;
        return job;
    }

    public bool TryGet(string id, [NotNullWhen(true)] out IngestJob? job)
    {
        Prune(room: 0);
        return _jobs.TryGetValue(id, out job);
    }

    public void Remove(string id) => _jobs.TryRemove(id, out _);

    private void Prune(int room)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        foreach (var (id, job) in _jobs)
        {
            if (job.FinishedAt is { } finished && now - finished >= settings.JobTtl)
            {
                _jobs.TryRemove(id, out _);
            }
        }

        var excess = _jobs.Count + room - settings.MaxJobRecords;
        if (excess <= 0)
        {
            return;
        }

        var oldest = _jobs.Values
            .Select(job => (job, finished: job.FinishedAt))
            .Where(entry => entry.finished is not null)
            .OrderBy(entry => entry.finished)
            .Take(excess)
            .ToList();
        foreach (var (job, _) in oldest)
        {
            _jobs.TryRemove(job.Id, out _);
        }
    }
}
