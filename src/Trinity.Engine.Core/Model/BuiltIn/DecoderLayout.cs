namespace Trinity.Engine.Model.BuiltIn;

/// <summary>Which decoder graph the built-in model writer produces (DESIGN.md §4).</summary>
internal enum DecoderLayout
{
    /// <summary>What ONNX Runtime GenAI's model builder writes for CPU, the layout of every published GenAI model:
    /// <c>GroupQueryAttention</c> with fused rotary embeddings, no <c>position_ids</c>, a shared past/present buffer,
    /// weights in <c>model.onnx.data</c>.</summary>
    Builder,

    /// <summary>The classic export from standard ONNX ops (Hugging Face Optimum style): <c>position_ids</c>, a
    /// Concat-based KV cache, weights inside <c>model.onnx</c>.</summary>
    Classic,
}
