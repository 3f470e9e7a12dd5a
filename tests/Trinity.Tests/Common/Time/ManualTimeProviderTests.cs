using Trinity.Common.Time;

namespace Trinity.Tests.Common.Time;

public sealed class ManualTimeProviderTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Clock_NotAdvanced_StandsStill()
    {
        var time = new ManualTimeProvider();
        var stamp = time.GetTimestamp();

        Assert.Equal(ManualTimeProvider.DefaultStart, time.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, time.GetElapsedTime(stamp));
        Assert.Equal(TimeSpan.TicksPerSecond, time.TimestampFrequency);
    }

    [Fact]
    public void Advance_ByDuration_MovesUtcNowAndTimestamps()
    {
        var time = new ManualTimeProvider();
        var stamp = time.GetTimestamp();

        time.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(ManualTimeProvider.DefaultStart.AddMilliseconds(1500), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromMilliseconds(1500), time.GetElapsedTime(stamp));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), time.Elapsed);
    }

    [Fact]
    public void Advance_Negative_Throws()
    {
        var time = new ManualTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void AdvanceTo_Past_LeavesClockWhereItIs()
    {
        var time = new ManualTimeProvider();
        time.Advance(Second);

        time.AdvanceTo(time.Start);

        Assert.Equal(time.Start + Second, time.GetUtcNow());
    }

    [Fact]
    public void Advance_PastSeveralTimers_FiresThemInTimeOrderAtTheirDueTimes()
    {
        var time = new ManualTimeProvider();
        var fired = new List<(string Name, TimeSpan At)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.Elapsed)), null, 3 * Second, Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.Elapsed)), null, Second, Timeout.InfiniteTimeSpan);
        using var tie = time.CreateTimer(_ => fired.Add(("tie", time.Elapsed)), null, Second, Timeout.InfiniteTimeSpan);

        time.Advance(5 * Second);

        Assert.Equal([("early", Second), ("tie", Second), ("late", 3 * Second)], fired);
        Assert.Equal(5 * Second, time.Elapsed);
        Assert.Equal(0, time.ArmedTimers);
    }

    [Fact]
    public void Advance_ShortOfDueTime_DoesNotFire()
    {
        var time = new ManualTimeProvider();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, Second, Timeout.InfiniteTimeSpan);

        time.Advance(Second - TimeSpan.FromTicks(1));
        Assert.Equal(0, fired);

        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Periodic_AdvancedAcrossPeriods_FiresOncePerPeriod()
    {
        var time = new ManualTimeProvider();
        var at = new List<TimeSpan>();
        using var timer = time.CreateTimer(_ => at.Add(time.Elapsed), null, Second, 2 * Second);

        time.Advance(6 * Second);

        Assert.Equal([Second, 3 * Second, 5 * Second], at);
        Assert.Equal(1, time.ArmedTimers);
    }

    [Fact]
    public void Change_ToInfiniteOrDisposed_NeverFires()
    {
        var time = new ManualTimeProvider();
        var fired = 0;
        var changed = time.CreateTimer(_ => fired++, null, Second, Timeout.InfiniteTimeSpan);
        var disposed = time.CreateTimer(_ => fired++, null, Second, Second);

        Assert.True(changed.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        disposed.Dispose();
        time.Advance(10 * Second);

        Assert.Equal(0, fired);
        Assert.False(disposed.Change(Second, Timeout.InfiniteTimeSpan));
        changed.Dispose();
    }

    [Fact]
    public void Change_Rearmed_FiresRelativeToNow()
    {
        var time = new ManualTimeProvider();
        var at = new List<TimeSpan>();
        using var timer = time.CreateTimer(_ => at.Add(time.Elapsed), null, Second, Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromMilliseconds(500));

        timer.Change(2 * Second, Timeout.InfiniteTimeSpan);
        time.Advance(3 * Second);

        Assert.Equal([TimeSpan.FromMilliseconds(2500)], at);
    }

    [Fact]
    public void Callback_ArmsTimerDueInSameAdvance_FiresItToo()
    {
        var time = new ManualTimeProvider();
        var at = new List<TimeSpan>();
        ITimer? second = null;
        using var first = time.CreateTimer(_ => second = time.CreateTimer(_ => at.Add(time.Elapsed), null, Second, Timeout.InfiniteTimeSpan), null, Second, Timeout.InfiniteTimeSpan);

        time.Advance(5 * Second);

        Assert.Equal([2 * Second], at);
        second!.Dispose();
    }

    [Fact]
    public void ZeroDueTime_FiresAtNextAdvanceNotBefore()
    {
        var time = new ManualTimeProvider();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        Assert.Equal(0, fired);

        time.Advance(TimeSpan.Zero);

        Assert.Equal(1, fired);
        Assert.Equal(TimeSpan.Zero, time.Elapsed);
    }

    [Fact]
    public async Task TaskDelay_OnManualTime_CompletesOnlyWhenAdvancedPastIt()
    {
        var time = new ManualTimeProvider();
        var delay = Task.Delay(Second, time);
        Assert.False(delay.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(delay.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Second, time.Elapsed);
    }

    [Fact]
    public void CancellationTokenSource_OnManualTime_CancelsAtItsDelay()
    {
        var time = new ManualTimeProvider();
        using var timeout = new CancellationTokenSource(Second, time);

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(timeout.IsCancellationRequested);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(timeout.IsCancellationRequested);
    }

    [Fact]
    public void CancelAfter_Rearmed_CancelsAtTheLastDeadline()
    {
        var time = new ManualTimeProvider();
        using var watchdog = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);

        watchdog.CancelAfter(Second);
        time.Advance(TimeSpan.FromMilliseconds(900));
        watchdog.CancelAfter(Second);
        time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.False(watchdog.IsCancellationRequested);

        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(watchdog.IsCancellationRequested);
    }

    [Fact]
    public async Task WaitAsync_OnManualTime_TimesOutOnlyWhenAdvanced()
    {
        var time = new ManualTimeProvider();
        var never = new TaskCompletionSource();
        var wait = never.Task.WaitAsync(Second, time);

        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(wait.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAsync<TimeoutException>(() => wait);
    }

    [Fact]
    public async Task PeriodicTimer_OnManualTime_TicksOncePerAdvancedPeriod()
    {
        var time = new ManualTimeProvider();
        using var timer = new PeriodicTimer(Second, time);
        var tick = timer.WaitForNextTickAsync().AsTask();
        Assert.False(tick.IsCompleted);

        time.Advance(Second);

        Assert.True(await tick.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task WaitForTimersAsync_TimerArmedOnAnotherThread_CompletesThenAdvanceFiresIt()
    {
        var time = new ManualTimeProvider();
        var waiting = time.WaitForTimersAsync(1);
        Assert.False(waiting.IsCompleted);

        var delay = Task.Run(() => Task.Delay(Second, time));
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(Second);

        await delay.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitForTimersAsync_EnoughArmed_CompletesAtOnce()
    {
        var time = new ManualTimeProvider();
        using var timer = time.CreateTimer(_ => { }, null, Second, Timeout.InfiniteTimeSpan);

        var waiting = time.WaitForTimersAsync(1);

        Assert.True(waiting.IsCompletedSuccessfully);
        await waiting;
    }

    [Fact]
    public async Task WaitForTimersAsync_DueWithin_CountsOnlyTimersDueInTheStep()
    {
        var time = new ManualTimeProvider();
        using var watchdog = time.CreateTimer(_ => { }, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        var waiting = time.WaitForTimersAsync(1, Second);
        Assert.False(waiting.IsCompleted);

        using var step = time.CreateTimer(_ => { }, null, Second, Timeout.InfiniteTimeSpan);

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, time.ArmedTimers);
    }
}
