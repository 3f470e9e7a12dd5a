using System.Collections.Concurrent;

namespace Trinity.Gateway.Cache;

/// <summary>Cache writes that run after their request has been answered (stores, deletions of evicted or expired
/// points): a response never waits for the pool's disk, and shutdown and tests can still wait for them.</summary>
internal sealed class PendingWrites
{
    private readonly ConcurrentDictionary<long, Task> _running = new();
    private long _next;

    /// <summary>Starts <paramref name="write"/>; it must handle its own errors.</summary>
    public void Start(Func<Task> write)
    {
        var id = Interlocked.Increment(ref _next);
        var task = Task.Run(write);
        _running[id] = task;
        _ = task.ContinueWith(static (_, state) =>
        {
            var (running, id) = ((ConcurrentDictionary<long, Task> Running, long Id))state!;
            running.TryRemove(id, out Task? _);
        }, (_running, id), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes when every write started so far has finished.</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);
}
