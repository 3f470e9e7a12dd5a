namespace Trinity.Contracts;

/// <summary>What a prefill produces: the first generated token and the prompt's KV cache as a checksummed blob.</summary>
/// <param name="FirstToken">The token sampled after the prompt.</param>
/// <param name="KvBlob">The prompt's KV cache in the versioned binary format of <c>KvCacheBlob</c>.</param>
public sealed record PrefillResult(int FirstToken, byte[] KvBlob);
