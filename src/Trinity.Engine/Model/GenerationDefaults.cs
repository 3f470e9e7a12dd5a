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
}
