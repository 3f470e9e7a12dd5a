using System.Globalization;

namespace Trinity.Common.Time;

/// <summary>
/// Virtual time that moves only when told, with timers: the one clock of the tests and of the simulator.
/// <see cref="Advance"/> and <see cref="AdvanceTo"/> fire every timer that falls due on the way, in time order (ties in
/// the order they were armed), each one seeing the clock at its own due time; so <c>Task.Delay(d, time)</c>,
/// <c>new CancellationTokenSource(d, time)</c>, <c>CancelAfter</c>, <c>WaitAsync(d, time)</c> and
/// <see cref="PeriodicTimer"/> complete exactly when virtual time passes their deadline and never otherwise.
/// </summary>
/// <remarks>
/// Callbacks run on the thread that advances time, outside the clock's lock, so a callback may arm, change or dispose
/// timers; one that falls due within the same advance fires in it too. A timer armed with a zero due time fires at the
/// next advance (an advance by zero included), not at once, so nothing runs behind the test's back. Code under test that
/// runs on other threads arms its timers asynchronously: <see cref="WaitForTimersAsync"/> is the signal to wait on
/// before advancing, so that a deadline is never advanced past before it exists.
/// Microsoft.Extensions.TimeProvider.Testing's FakeTimeProvider does the rest of this but keeps its armed timers
/// internal, which leaves that signal out; hence this class.
/// </remarks>
internal sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>Where a clock made with no start begins: a fixed instant, so runs and reports repeat exactly.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _armed = [];
    private DateTimeOffset _now;
    private long _armings;
    private TaskCompletionSource _changed = NewSignal();

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public ManualTimeProvider(DateTimeOffset start)
    {
        Start = start;
        _now = start;
    }

    /// <summary>The instant the clock started at.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Timers armed now (created or changed with a finite due time and not yet fired, changed off or disposed;
    /// a periodic timer stays armed after it fires).</summary>
    public int ArmedTimers
    {
        get
        {
            lock (_gate)
            {
                return _armed.Count;
            }
        }
    }

    /// <summary>How long since <see cref="Start"/>.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Ticks of 100 ns, the resolution of <see cref="DateTimeOffset"/>, so a timestamp is exact.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>, firing the timers that fall due.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        AdvanceTo(target);
    }

    /// <summary>Moves the clock to <paramref name="instant"/>, firing the timers that fall due. An instant in the past
    /// leaves the clock where it is (time never runs backwards) but still fires timers already due.</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = NextDue(instant);
                if (due is null)
                {
                    _now = instant > _now ? instant : _now;
                    return;
                }

                _now = due.DueAt > _now ? due.DueAt : _now;
                if (due.Period > TimeSpan.Zero)
                {
                    due.DueAt += due.Period;
                    due.Arming = ++_armings;
                }
                else
                {
                    Disarm(due);
                }
            }

            due.Fire();
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> timers are armed, counting only those due within
    /// <paramref name="dueWithin"/> of now when it is given: the signal that code running on other threads has set the
    /// deadline a test is about to advance past (a watchdog due much later does not count for a short step).</summary>
    public async Task WaitForTimersAsync(int count, TimeSpan? dueWithin = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var horizon = dueWithin is { } within ? _now + within : DateTimeOffset.MaxValue;
                if (_armed.Count(timer => timer.DueAt <= horizon) >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override string ToString() => GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Arms, re-arms or disarms <paramref name="timer"/> as <see cref="ITimer.Change"/> does; false once it
    /// is disposed.</summary>
    internal bool Change(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, Timeout.InfiniteTimeSpan);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            if (timer.Disposed)
            {
                return false;
            }

            Disarm(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            timer.DueAt = _now + dueTime;
            timer.Period = period;
            timer.Arming = ++_armings;
            _armed.Add(timer);
            Signal();
            return true;
        }
    }

    /// <summary>Disarms <paramref name="timer"/> for good.</summary>
    internal void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            timer.Disposed = true;
            Disarm(timer);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ManualTimer? NextDue(DateTimeOffset instant)
    {
        ManualTimer? next = null;
        foreach (var timer in _armed)
        {
            if (timer.DueAt <= instant && (next is null || timer.DueAt < next.DueAt || (timer.DueAt == next.DueAt && timer.Arming < next.Arming)))
            {
                next = timer;
            }
        }

        return next;
    }

    private void Disarm(ManualTimer timer)
    {
        if (_armed.Remove(timer))
        {
            Signal();
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }
}
