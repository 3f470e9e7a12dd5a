using System.Collections.Concurrent;

namespace Trinity.Gateway.Cache;

/// <summary>Cache writes that run after their request has been answered (stores, deletions of evicted or expired
/// points): a response never waits for the pool's disk, and shutdown and tests can still wait for them.</summary>
internal sealed class PendingWrites
{
    private readonly ConcurrentDictionary<long, Task> _running = new();
    private long _next;

    /// <summary>Starts <paramref name="write"/> on the caller's thread (its synchronous part, such as the exact tier's
    /// insertion, is done when this returns: the client's next request already sees it); it must handle its own
    /// errors.</summary>
    public void Start(Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var id = Interlocked.Increment(ref _next);
        var task = RunAsync(write);
        _running[id] = task;
        _ = task.ContinueWith(static (_, state) =>
        {
            var (running, id) = ((ConcurrentDictionary<long, Task> Running, long Id))state!;
            running.TryRemove(id, out Task? _);
        }, (_running, id), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static async Task RunAsync(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the write is abandoned, as the request that caused it is over.
        }
    }

    /// <summary>Completes when every write started so far has finished.</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);
}
