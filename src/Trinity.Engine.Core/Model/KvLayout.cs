namespace Trinity.Engine.Model;

/// <summary>How a decoder graph keeps its KV cache.</summary>
public enum KvLayout
{
    /// <summary>Standard ops (Hugging Face Optimum exports): <c>position_ids</c>, present = Concat(past, new), any padding
    /// masked by <c>attention_mask</c>. The decode batch pads on the left.</summary>
    Classic,

    /// <summary>The model builder's <c>GroupQueryAttention</c>: no <c>position_ids</c>, per-row lengths from
    /// <c>attention_mask</c> (right padding), past and present one buffer (<c>past_present_share_buffer</c>).</summary>
    SharedBuffer,
}
