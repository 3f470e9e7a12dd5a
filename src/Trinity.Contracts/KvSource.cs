namespace Trinity.Contracts;

/// <summary>Where a decode engine pulls a prefilled KV cache from.</summary>
/// <param name="Url">Internal (HTTP/2) base URL of the prefill engine holding the cache.</param>
/// <param name="KvHandle">The handle the prefill engine returned.</param>
/// <param name="FirstToken">The token the prefill engine sampled after the prompt.</param>
/// <param name="FirstLogprob">The first token's logprobs as the prefill engine computed them, when asked for.</param>
public sealed record KvSource(string Url, string KvHandle, int FirstToken, TokenLogprob? FirstLogprob = null);
