namespace Trinity.Contracts;

/// <summary>Body of <c>POST /internal/decode</c>: the request and, when a prefill engine ran the prompt, where its KV is.
/// Without <see cref="Prefill"/> (or when the pull fails) the decode engine computes the prompt itself.</summary>
public sealed record DecodeCall(GenerationRequest Request, KvSource? Prefill);
