namespace Trinity.Gateway.Tenancy;

/// <summary>Tokens a generation reserved of its tenant's window; <see cref="Settle"/> gives back what it did not use.</summary>
internal sealed class TokenReservation(WindowRateLimiter? limiter, long reserved, DateTimeOffset window)
{
    private int _settled;

    /// <summary>No limit applies.</summary>
    public static TokenReservation None { get; } = new(null, 0, default);

    public long Reserved => reserved;

    /// <summary>Corrects the reservation to <paramref name="used"/> tokens (prompt + generated), once; later calls do nothing.</summary>
    public void Settle(long used)
    {
        if (limiter is null || Interlocked.Exchange(ref _settled, 1) == 1)
        {
            return;
        }

        limiter.Release(reserved - used, window);
    }
}
