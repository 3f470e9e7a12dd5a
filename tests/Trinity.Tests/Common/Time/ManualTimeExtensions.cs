using Trinity.Common.Time;

namespace Trinity.Tests.Common.Time;

/// <summary>Drives code under test on a <see cref="ManualTimeProvider"/>: time moves only when that code has armed the
/// timer the step is for, so no step is advanced past before its deadline exists, whatever the machine's load.</summary>
internal static class ManualTimeExtensions
{
    /// <summary>Real time after which a test that waits for a signal gives up: it only stops a broken test from
    /// hanging, it orders nothing.</summary>
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    /// <summary>Waits until a timer falls due within <paramref name="step"/>, then advances by it.</summary>
    public static async Task StepAsync(this ManualTimeProvider time, TimeSpan step)
    {
        await time.WaitForTimersAsync(1, step).WaitAsync(Hang);
        time.Advance(step);
    }

    /// <summary>Advances by <paramref name="step"/> each time a timer falls due within it, until
    /// <paramref name="work"/> completes; returns its result.</summary>
    public static async Task<T> DriveAsync<T>(this ManualTimeProvider time, Task<T> work, TimeSpan step)
    {
        await time.DriveAsync((Task)work, step);
        return await work;
    }

    /// <summary>Advances by <paramref name="step"/> each time a timer falls due within it, until
    /// <paramref name="work"/> completes.</summary>
    public static async Task DriveAsync(this ManualTimeProvider time, Task work, TimeSpan step)
    {
        using var hang = new CancellationTokenSource(Hang);
        while (!work.IsCompleted)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(hang.Token);
            var armed = time.WaitForTimersAsync(1, step, stop.Token);
            if (await Task.WhenAny(work, armed) == armed)
            {
                await armed;
                time.Advance(step);
            }
            else
            {
                await stop.CancelAsync();
            }
        }

        await work;
    }
}
