using System.Diagnostics;

namespace Trinity.VectorGpu.Hosting;

/// <summary>
/// Polls a condition on the calling thread for at most a number of microseconds, without ever sleeping: the loop
/// waiting for the next query and a lone caller waiting for its answer both trade a little CPU for the thread wake-up
/// that sleeping would cost (as much as a small graph search). A bound on CPU spent, measured in real time on purpose:
/// a virtual clock that stands still would spin forever.
/// </summary>
internal static class BoundedSpin
{
    /// <summary>True as soon as <paramref name="done"/> holds; false when <paramref name="microseconds"/> pass first (or are ≤ 0).</summary>
    public static bool Until<TState>(TState state, Func<TState, bool> done, double microseconds)
    {
        if (microseconds <= 0)
        {
            return done(state);
        }

        var started = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (!done(state))
        {
            if (Stopwatch.GetElapsedTime(started).TotalMicroseconds >= microseconds)
            {
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return true;
    }
}
