namespace Trinity.Engine.Model.BuiltIn;

/// <summary>Shape and seed of a generated Llama-style decoder. The defaults are "trinity-tiny".</summary>
internal sealed record TinyModelSpec
{
    public const string DefaultName = "trinity-tiny";

    public int Layers { get; init; } = 4;

    public int Hidden { get; init; } = 256;

    public int Heads { get; init; } = 8;

    public int KvHeads { get; init; } = 2;

    public int Vocab { get; init; } = 1024;

    public int MaxLength { get; init; } = 2048;

    public ulong Seed { get; init; } = 42;

    /// <summary>MLP width; 0 means the Llama convention, 8/3 of the hidden size rounded to 64.</summary>
    public int Intermediate { get; init; }

    public float RopeTheta { get; init; } = 10000f;

    public float RmsEpsilon { get; init; } = 1e-5f;

    public int HeadDim => Hidden / Heads;

    public int EffectiveIntermediate => Intermediate > 0 ? Intermediate : (int)Math.Round(Hidden * 8.0 / 3.0 / 64.0) * 64;

    /// <summary>Returns a message describing the first invalid setting, or null when the spec is valid.</summary>
    public string? Validate()
    {
        if (Layers is < 1 or > 256) return "--layers must be between 1 and 256";
        if (Hidden is < 8 or > 16384) return "--hidden must be between 8 and 16384";
        if (Heads < 1 || Hidden % Heads != 0) return "--hidden must be a multiple of --heads";
        if (HeadDim % 2 != 0) return "--hidden / --heads (the head size) must be even for rotary embeddings";
        if (KvHeads < 1 || Heads % KvHeads != 0) return "--heads must be a multiple of --kv-heads";
        if (Vocab is < 300 or > 262144) return "--vocab must be between 300 and 262144";
        if (MaxLength is < 16 or > 131072) return "--max-length must be between 16 and 131072";
        if (Intermediate < 0) return "--intermediate must be positive";
        return null;
    }
}
