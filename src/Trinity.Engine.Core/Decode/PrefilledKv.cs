using Trinity.Contracts;
using Trinity.Engine.Model;

namespace Trinity.Engine.Decode;

/// <summary>What a prefill-only sequence leaves behind: the token sampled after the prompt and the prompt's own cache
/// (batch 1, exactly one position per prompt token), whose ownership passes to the receiver, with the first token's logprobs when the request asked for them.</summary>
internal sealed record PrefilledKv(int FirstToken, KvCache Kv, TokenLogprob? FirstLogprob = null);
