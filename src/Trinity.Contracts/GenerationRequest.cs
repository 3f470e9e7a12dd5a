namespace Trinity.Contracts;

/// <summary>One sequence to generate: an already tokenised prompt and how to continue it.</summary>
public sealed record GenerationRequest
{
    /// <summary>Unique id, used in logs and to cancel the sequence everywhere.</summary>
    public required string RequestId { get; init; }

    /// <summary>Prompt token ids (chat template already applied).</summary>
    public required IReadOnlyList<int> PromptTokens { get; init; }

    /// <summary>Sampling settings.</summary>
    public SamplingParams Sampling { get; init; } = SamplingParams.Greedy;

    /// <summary>Upper bound on generated tokens.</summary>
    public int MaxTokens { get; init; } = 16;

    /// <summary>Stop strings: generation ends before the first occurrence, which is never emitted.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Keep generating past end-of-sequence tokens (benchmarks).</summary>
    public bool IgnoreEos { get; init; }

    /// <summary>A grammar the output must match (structured outputs, forced tool calls); null generates freely.</summary>
    public TokenConstraint? Constraint { get; init; }

    /// <summary>Report each generated token's log probability with this many most likely alternatives (0 to
    /// <see cref="MaxTopLogprobs"/>); null reports none and costs nothing. The values come from the raw logits, before
    /// penalties, grammar masks and temperature (see <see cref="TokenLogprob"/>).</summary>
    public int? Logprobs { get; init; }

    /// <summary>Largest number of alternatives <see cref="Logprobs"/> may ask for (OpenAI's <c>top_logprobs</c> limit).</summary>
    public const int MaxTopLogprobs = 20;

    /// <summary>Retrieval during decode, when the request asked for <c>interval</c> mode.</summary>
    public DecodeRetrieval? Retrieval { get; init; }
}
