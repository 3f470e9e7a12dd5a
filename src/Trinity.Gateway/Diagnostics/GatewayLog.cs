using Trinity.Contracts;

namespace Trinity.Gateway.Diagnostics;

/// <summary>The gateway's log messages, with stable event ids.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Serving model {Model} (context {ContextLength} tokens)")]
    public static partial void ModelReady(ILogger logger, string model, int contextLength);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Debug, Message = "Request {RequestId}: client disconnected")]
    public static partial void ClientDisconnected(ILogger logger, string requestId);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Error, Message = "Request {RequestId}: unhandled error")]
    public static partial void UnhandledError(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "Sequence {SequenceId}: no engine output for {Seconds} s, abandoned")]
    public static partial void EngineStalled(ILogger logger, string sequenceId, double seconds);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Error, Message = "Sequence {SequenceId}: engine failed")]
    public static partial void EngineFailed(ILogger logger, string sequenceId, Exception exception);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Warning, Message = "Sequence {SequenceId}: engine ended it with {Reason}")]
    public static partial void EngineEndedSequence(ILogger logger, string sequenceId, FinishReason? reason);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Debug, Message = "Sequence {SequenceId}: finished ({Reason}) after {Tokens} tokens")]
    public static partial void SequenceFinished(ILogger logger, string sequenceId, FinishReason reason, int tokens);

    [LoggerMessage(EventId = 3208, Level = LogLevel.Warning, Message = "Request {RequestId}: stream ended with error {Code}")]
    public static partial void StreamFailed(ILogger logger, string requestId, string? code);
}
