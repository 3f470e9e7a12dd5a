namespace Trinity.Common.Time;

/// <summary>A timer of <see cref="ManualTimeProvider"/>: due at an instant of virtual time, fired by whoever advances
/// the clock past it. The provider's lock guards <see cref="DueAt"/>, <see cref="Period"/> and <see cref="Arming"/>.</summary>
internal sealed class ManualTimer : ITimer
{
    private readonly ManualTimeProvider _time;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private bool _disposed;

    public ManualTimer(ManualTimeProvider time, TimerCallback callback, object? state)
    {
        _time = time;
        _callback = callback;
        _state = state;
    }

    /// <summary>When it fires next.</summary>
    internal DateTimeOffset DueAt { get; set; }

    /// <summary>Time between firings; zero or infinite for a one-shot timer.</summary>
    internal TimeSpan Period { get; set; }

    /// <summary>Order of arming, which breaks ties between timers due at the same instant.</summary>
    internal long Arming { get; set; }

    /// <summary>Set once by <see cref="Dispose"/>; read without the lock only to skip a firing already picked.</summary>
    internal bool Disposed
    {
        get => Volatile.Read(ref _disposed);
        set => Volatile.Write(ref _disposed, value);
    }

    public bool Change(TimeSpan dueTime, TimeSpan period) => _time.Change(this, dueTime, period);

    public void Dispose() => _time.Remove(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs the callback unless the timer was disposed after the clock picked it.</summary>
    internal void Fire()
    {
        if (!Disposed)
        {
            _callback(_state);
        }
    }
}
