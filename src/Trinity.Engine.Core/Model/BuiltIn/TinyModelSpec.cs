namespace Trinity.Engine.Model.BuiltIn;

/// <summary>Shape, seed and layout of a generated Llama-style decoder. The defaults are "trinity-tiny".</summary>
internal sealed record TinyModelSpec
{
    public const string DefaultName = "trinity-tiny";

    private readonly float? _ropeTheta;
    private readonly float? _rmsEpsilon;

    public int Layers { get; init; } = 4;

    public int Hidden { get; init; } = 256;

    public int Heads { get; init; } = 8;

    public int KvHeads { get; init; } = 2;

    public int Vocab { get; init; } = 1024;

    public int MaxLength { get; init; } = 2048;

    public DecoderLayout Layout { get; init; } = DecoderLayout.Builder;

    public WeightPrecision Precision { get; init; } = WeightPrecision.Fp32;

    public DecoderArch Arch { get; init; } = DecoderArch.Llama;

    /// <summary>int4 only: symmetric blocks (no zero points, the model builder's default) or asymmetric blocks with a
    /// 4-bit zero point each.</summary>
    public bool Int4Symmetric { get; init; } = true;

    public ulong Seed { get; init; } = 42;

    /// <summary>MLP width; 0 means the Llama convention, 8/3 of the hidden size rounded to 64.</summary>
    public int Intermediate { get; init; }

    /// <summary>Rotary base; the family's own unless set (Qwen2: 1e6, otherwise 10000).</summary>
    public float RopeTheta
    {
        get => _ropeTheta ?? (Arch == DecoderArch.Qwen2 ? 1_000_000f : 10_000f);
        init => _ropeTheta = value;
    }

    /// <summary>RMSNorm epsilon; the family's own unless set (Qwen2: 1e-6, otherwise 1e-5).</summary>
    public float RmsEpsilon
    {
        get => _rmsEpsilon ?? (Arch == DecoderArch.Qwen2 ? 1e-6f : 1e-5f);
        init => _rmsEpsilon = value;
    }

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
        if (Layout == DecoderLayout.Classic && Precision != WeightPrecision.Fp32) return "--layout classic supports only --precision fp32";
        if (Layout == DecoderLayout.Classic && Arch != DecoderArch.Llama) return "--layout classic supports only --arch llama";
        // GroupQueryAttention's fused rotary embedding takes cos/sin caches of head_size/2 columns, a multiple of 8.
        if (Layout == DecoderLayout.Builder && HeadDim % 16 != 0) return "--hidden / --heads (the head size) must be a multiple of 16 for the builder layout's GroupQueryAttention";
        return null;
    }
}
