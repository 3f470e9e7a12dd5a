using System.Collections.Concurrent;

namespace Trinity.Bench.Soak;

/// <summary>Counts of outcomes per operation, safe to add to from every worker.</summary>
internal sealed class SoakTally
{
    private readonly ConcurrentDictionary<(SoakOperation Operation, string Outcome), long> _counts = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public void Add(SoakOperation operation, string outcome)
    {
        _counts.AddOrUpdate((operation, outcome), 1, (_, n) => n + 1);
        Interlocked.Increment(ref _total);
    }

    /// <summary>Every (operation, outcome) seen, in a stable order.</summary>
    public IReadOnlyList<(SoakOperation Operation, string Outcome, long Count)> Snapshot() =>
        [.. _counts.Select(p => (p.Key.Operation, p.Key.Outcome, p.Value)).OrderBy(p => p.Operation).ThenBy(p => p.Outcome, StringComparer.Ordinal)];

    public long Count(Func<string, bool> outcome) => _counts.Where(p => outcome(p.Key.Outcome)).Sum(p => p.Value);
}
