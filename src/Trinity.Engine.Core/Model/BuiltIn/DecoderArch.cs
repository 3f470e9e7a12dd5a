namespace Trinity.Engine.Model.BuiltIn;

/// <summary>The model family a generated decoder imitates: its <c>model.type</c> in <c>genai_config.json</c> and the
/// family's graph differences.</summary>
internal enum DecoderArch
{
    /// <summary>Llama 2/3: no biases, rotary base 10000.</summary>
    Llama,

    /// <summary>Qwen2/2.5: a bias on the packed QKV projection, rotary base 1e6, RMS epsilon 1e-6.</summary>
    Qwen2,

    /// <summary>Phi-3/3.5/4-mini: fused qkv and gate/up projections in the checkpoint, which the model builder splits
    /// and re-packs, so the graph equals Llama's; <c>model.type</c> is <c>phi3</c>.</summary>
    Phi3,
}
