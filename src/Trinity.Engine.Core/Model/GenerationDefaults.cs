namespace Trinity.Engine.Model;

/// <summary>
/// <c>genai_config.json</c>'s <c>search</c> section, as ONNX Runtime GenAI applies it: the sampling a request gets for
/// every setting it leaves out. <see cref="DoSample"/> false means greedy whatever the temperature says.
/// </summary>
public sealed record GenerationDefaults
{
    public bool DoSample { get; init; }

    public float Temperature { get; init; } = 1f;

    public int TopK { get; init; } = 50;

    public float TopP { get; init; } = 1f;

    public float RepetitionPenalty { get; init; } = 1f;

    /// <summary>Longest sequence (prompt + generated tokens); 0 when the section does not say.</summary>
    public int MaxLength { get; init; }

    /// <summary>Sampling for a request that set only the given values: without a temperature the section decides
    /// (greedy unless <see cref="DoSample"/>), with its top_k and top_p; a request that sets a temperature keeps its own
    /// (unset) top_k and top_p. The repetition penalty always comes from the section.</summary>
    public Contracts.SamplingParams ToSampling(float? temperature, float? topP, int? topK, ulong? seed)
    {
        var fromModel = temperature is null;
        return new Contracts.SamplingParams
        {
            Temperature = temperature ?? (DoSample ? Temperature : 0f),
            TopP = topP ?? (fromModel ? TopP : 1f),
            TopK = topK ?? (fromModel ? TopK : 0),
            Seed = seed,
            RepetitionPenalty = RepetitionPenalty,
        };
    }
}
