using System.Diagnostics;

namespace Trinity.Bench.Load.OpenLoop;

/// <summary>
/// Open-loop load: every planned request is sent at its time whatever the server is doing (unlike
/// <see cref="ClosedLoop"/>, where a slow server slows the load down), so queues build when the rate exceeds what the
/// server sustains — the regime where SLO attainment and goodput tell policies apart.
/// </summary>
internal static class OpenLoopRunner
{
    /// <returns>The samples in plan order and the wall time from the start to the last answer.</returns>
    public static async Task<(List<WorkloadSample> Samples, TimeSpan Wall)> RunAsync(
        IReadOnlyList<PlannedRequest> plan, Func<PlannedRequest, Func<double>, CancellationToken, Task<WorkloadSample>> send, TimeSpan drainTimeout)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(send);
        using var stop = new CancellationTokenSource();
        var tasks = new Task<WorkloadSample>[plan.Count];
        var clock = Stopwatch.StartNew();
        double Elapsed() => clock.Elapsed.TotalMilliseconds;

        // A dedicated thread paces the arrivals: the thread pool runs late when the machine is loaded, and on two
        // cores a spinning pacer would take a core from the server being measured, so it sleeps.
        var pacer = new Thread(() =>
        {
            for (var i = 0; i < plan.Count; i++)
            {
                var left = TimeSpan.FromSeconds(plan[i].AtSeconds) - clock.Elapsed;
                if (left > TimeSpan.Zero)
                {
                    Thread.Sleep(left);
                }

                tasks[i] = send(plan[i], Elapsed, stop.Token);
            }
        })
        { Name = "serve-arrivals", IsBackground = true };
        pacer.Start();
        await Task.Run(pacer.Join).ConfigureAwait(false);
        var all = Task.WhenAll(tasks);
        if (await Task.WhenAny(all, Task.Delay(drainTimeout)).ConfigureAwait(false) != all)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        var samples = (await all.ConfigureAwait(false)).ToList();
        var lastMs = plan.Count == 0 ? 0 : plan[^1].AtSeconds * 1000;
        for (var i = 0; i < samples.Count; i++)
        {
            if (!double.IsNaN(samples[i].E2eMs))
            {
                lastMs = Math.Max(lastMs, (plan[i].AtSeconds * 1000) + samples[i].E2eMs);
            }
        }

        return (samples, TimeSpan.FromMilliseconds(lastMs));
    }
}
