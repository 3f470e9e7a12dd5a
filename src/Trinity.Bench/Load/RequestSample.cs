namespace Trinity.Bench.Load;

/// <summary>What one streamed request measured, in milliseconds from sending it. <see cref="Error"/> is set when it
/// failed; <see cref="ServerTtftMs"/> is the gateway's own <c>x-trinity-ttft-ms</c> when it sent one.</summary>
internal readonly record struct RequestSample(double TtftMs, double E2eMs, int OutputTokens, double? ServerTtftMs, string? Error)
{
    /// <summary>TPOT as vLLM and DistServe define it: (E2E − TTFT) / (output tokens − 1).</summary>
    public double? TpotMs => OutputTokens > 1 ? (E2eMs - TtftMs) / (OutputTokens - 1) : null;

    public static RequestSample Failed(string error) => new(double.NaN, double.NaN, 0, null, error);
}
