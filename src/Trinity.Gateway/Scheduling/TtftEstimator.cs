namespace Trinity.Gateway.Scheduling;

/// <summary>
/// Predicts a new request's time to first token from the prompt tokens already admitted and not yet answered,
/// with an online least-squares line TTFT ≈ a + b · (tokens ahead + own tokens) over exponentially weighted
/// recent requests, so it adapts to the hardware and to load changes without configuration.
/// </summary>
internal sealed class TtftEstimator(double decay = 0.05)
{
    private readonly Lock _lock = new();
    private long _outstanding;
    private double _meanX;
    private double _meanY;
    private double _meanXx;
    private double _meanXy;
    private long _samples;

    public long OutstandingTokens => Interlocked.Read(ref _outstanding);

    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>Counts a request in; returns the tokens that were ahead of it plus its own.</summary>
    public long Admit(int promptTokens) => Interlocked.Add(ref _outstanding, promptTokens);

    /// <summary>Counts a request out, learning from its observed time to first token (null: it never got one).</summary>
    public void Done(int promptTokens, long workAtAdmission, double? ttftSeconds)
    {
        Interlocked.Add(ref _outstanding, -promptTokens);
        if (ttftSeconds is not { } y || !double.IsFinite(y))
        {
            return;
        }

        double x = workAtAdmission;
        lock (_lock)
        {
            var first = _samples == 0;
            var w = first ? 1 : decay;
            _meanX += w * (x - _meanX);
            _meanY += w * (y - _meanY);
            _meanXx += w * ((x * x) - _meanXx);
            _meanXy += w * ((x * y) - _meanXy);
            _samples++;
        }
    }

    /// <summary>Predicted seconds to first token for a request of <paramref name="promptTokens"/> admitted now.</summary>
    public double Predict(int promptTokens)
    {
        double x = Interlocked.Read(ref _outstanding) + promptTokens;
        lock (_lock)
        {
            var variance = _meanXx - (_meanX * _meanX);
            var slope = variance > 1e-9 * Math.Max(1, _meanXx) ? (_meanXy - (_meanX * _meanY)) / variance : _meanY / Math.Max(1, _meanX);
            slope = Math.Max(slope, 0);
            var intercept = Math.Max(0, _meanY - (slope * _meanX));
            return intercept + (slope * x);
        }
    }
}
