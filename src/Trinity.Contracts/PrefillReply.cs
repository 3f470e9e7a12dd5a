namespace Trinity.Contracts;

/// <summary>A prefill engine's answer to <c>POST /internal/prefill</c>: the first token and a handle on the KV cache
/// it holds until a decode engine pulls it or its time-to-live passes.</summary>
public sealed record PrefillReply(string KvHandle, int FirstToken, int PromptTokens, long KvBytes, double PrefillMs);
