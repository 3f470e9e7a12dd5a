namespace Trinity.Contracts;

/// <summary>A prefill engine's answer to <c>POST /internal/prefill</c>: the first token and a handle on the KV cache
/// it holds until a decode engine pulls it or its time-to-live passes.</summary>
/// <param name="KvHandle">The handle to pull the cache by (<c>GET /internal/kv/{handle}</c>).</param>
/// <param name="FirstToken">The token sampled after the prompt.</param>
/// <param name="PromptTokens">Positions the cache holds.</param>
/// <param name="KvBytes">Size of the cache's frame.</param>
/// <param name="PrefillMs">Time the prompt took on the prefill engine.</param>
/// <param name="FirstLogprob">The first token's logprobs, when the request asked for them.</param>
public sealed record PrefillReply(string KvHandle, int FirstToken, int PromptTokens, long KvBytes, double PrefillMs, TokenLogprob? FirstLogprob = null);
