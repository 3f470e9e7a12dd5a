namespace Trinity.Bench.Load;

/// <summary>What <see cref="ChatStreamReader"/> read from one streamed chat completion; times in milliseconds on the
/// caller's clock. <see cref="CacheStatus"/> and <see cref="RetrievalMs"/> come from the <c>trinity</c> object of the
/// last chunk when the server sends one.</summary>
internal readonly record struct ChatStreamResult(double TtftMs, double E2eMs, int OutputTokens, string? Error, string? CacheStatus, double? RetrievalMs)
{
    public static ChatStreamResult Failed(string error) => new(double.NaN, double.NaN, 0, error, null, null);
}
