using System.Diagnostics;

namespace Trinity.Bench.Load;

/// <summary>Closed-loop load: <c>concurrency</c> workers each send the next request as soon as their previous one
/// ends, until <c>count</c> requests have been sent.</summary>
internal static class ClosedLoop
{
    /// <returns>The samples in completion order and the wall time of the run.</returns>
    public static async Task<(List<RequestSample> Samples, TimeSpan Wall)> RunAsync(
        int concurrency, int count, int firstIndex, Func<int, Task<RequestSample>> send)
    {
        var samples = new List<RequestSample>(count);
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var sample = await send(firstIndex + index).ConfigureAwait(false);
                lock (samples)
                {
                    samples.Add(sample);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return (samples, clock.Elapsed);
    }
}
