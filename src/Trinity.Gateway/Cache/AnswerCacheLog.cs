namespace Trinity.Gateway.Cache;

/// <summary>The answer cache's log messages, with stable event ids (36xx).</summary>
internal static partial class AnswerCacheLog
{
    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Answer cache ready: collection {Collection}, {Restored} answers restored, {Dropped} expired or over the cap dropped")]
    public static partial void Ready(ILogger logger, string collection, int restored, int dropped);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning, Message = "Answer cache: the semantic tier is unavailable (collection {Collection}); serving exact hits only")]
    public static partial void SemanticUnavailable(ILogger logger, string collection, Exception exception);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Debug, Message = "Answer cache: semantic lookup failed ({Message}); treated as a miss")]
    public static partial void LookupFailed(ILogger logger, string message);

    [LoggerMessage(EventId = 3604, Level = LogLevel.Debug, Message = "Answer cache: semantic lookup ran out of its {BudgetMs} ms budget; treated as a miss")]
    public static partial void LookupTimedOut(ILogger logger, double budgetMs);

    [LoggerMessage(EventId = 3605, Level = LogLevel.Debug, Message = "Answer cache: guard refused a candidate at similarity {Score}: {Verdict}")]
    public static partial void GuardRejected(ILogger logger, double score, GuardVerdict verdict);

    [LoggerMessage(EventId = 3606, Level = LogLevel.Warning, Message = "Answer cache: writing an answer to the pool failed; it is served from the exact tier only")]
    public static partial void StoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3607, Level = LogLevel.Warning, Message = "Answer cache: deleting {Count} points from the pool failed; they stay until found expired or the cache is cleared")]
    public static partial void DeleteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 3608, Level = LogLevel.Information, Message = "Answer cache: {Count} answers invalidated ({Scope})")]
    public static partial void Invalidated(ILogger logger, long count, string scope);

    [LoggerMessage(EventId = 3609, Level = LogLevel.Debug, Message = "Answer cache: {Count} expired answers swept")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(EventId = 3610, Level = LogLevel.Debug, Message = "Answer cache: {Tier} hit at similarity {Score}")]
    public static partial void Hit(ILogger logger, string tier, double score);
}
