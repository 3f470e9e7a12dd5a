using System.Threading.RateLimiting;

namespace Trinity.Gateway.Tenancy;

/// <summary>
/// A fixed-window limiter on a <see cref="TimeProvider"/>: <c>limit</c> permits per window, the window restarting at
/// the first acquisition after it ended. Unlike the framework's limiters it tells when the window resets (what OpenAI's
/// <c>x-ratelimit-reset-*</c> headers and <c>Retry-After</c> report), takes back permits a request reserved but did not
/// use, and runs on virtual time in tests. Never queues: a refused request is answered 429 at once.
/// </summary>
internal sealed class WindowRateLimiter(int limit, TimeSpan window, TimeProvider time) : RateLimiter
{
    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart = time.GetUtcNow();
    private long _used;
    private long _successful;
    private long _failed;

    public int Limit => limit;

    public override TimeSpan? IdleDuration => null;

    /// <summary>Permits left in the current window.</summary>
    public long Remaining
    {
        get
        {
            lock (_lock)
            {
                Roll();
                return Math.Max(0, limit - _used);
            }
        }
    }

    /// <summary>Time until the window restarts with every permit (zero when none is used).</summary>
    public TimeSpan ResetAfter
    {
        get
        {
            lock (_lock)
            {
                Roll();
                return _used == 0 ? TimeSpan.Zero : _windowStart + window - time.GetUtcNow();
            }
        }
    }

    /// <summary>Gives back permits acquired in this window but not used (a generation that ended short of its
    /// reservation); permits of an earlier window are already back.</summary>
    public void Release(long permits, DateTimeOffset acquiredWindow)
    {
        lock (_lock)
        {
            Roll();
            if (permits > 0 && acquiredWindow == _windowStart)
            {
                _used = Math.Max(0, _used - permits);
            }
        }
    }

    /// <summary>Start of the current window (a reservation remembers it for <see cref="Release"/>).</summary>
    public DateTimeOffset WindowStart
    {
        get
        {
            lock (_lock)
            {
                Roll();
                return _windowStart;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Roll();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = Math.Max(0, limit - _used),
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        lock (_lock)
        {
            Roll();

            // A request larger than the whole window could never pass; it is refused like any other, with the full window to wait.
            if (_used + permitCount <= limit)
            {
                _used += permitCount;
                _successful++;
                return Lease.Acquired;
            }

            _failed++;
            var wait = _used == 0 ? window : _windowStart + window - time.GetUtcNow();
            return new Lease(false, wait);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Roll()
    {
        var now = time.GetUtcNow();
        if (now - _windowStart >= window)
        {
            _windowStart = now;
            _used = 0;
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static Lease Acquired { get; } = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
