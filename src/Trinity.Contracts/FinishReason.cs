namespace Trinity.Contracts;

/// <summary>Why a sequence ended.</summary>
public enum FinishReason
{
    /// <summary>An end-of-sequence token or a stop string.</summary>
    Stop,

    /// <summary><c>max_tokens</c> or the model's context length was reached.</summary>
    Length,

    /// <summary>The client went away or the request was cancelled.</summary>
    Cancelled,

    /// <summary>The engine failed; the output so far is incomplete.</summary>
    Error,
}
