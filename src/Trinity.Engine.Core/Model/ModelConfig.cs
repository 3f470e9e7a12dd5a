namespace Trinity.Engine.Model;

/// <summary>
/// What the engine needs from a model folder's <c>genai_config.json</c> (ONNX Runtime GenAI's format):
/// the decoder's shape, its I/O names and the special token ids.
/// </summary>
public sealed record ModelConfig
{
    public required string Type { get; init; }

    public required int VocabSize { get; init; }

    public required int ContextLength { get; init; }

    public required int NumLayers { get; init; }

    public required int NumHeads { get; init; }

    public required int NumKvHeads { get; init; }

    public required int HeadSize { get; init; }

    public required int HiddenSize { get; init; }

    public int BosTokenId { get; init; }

    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    public int PadTokenId { get; init; }

    public string Filename { get; init; } = "model.onnx";

    public string InputIdsName { get; init; } = "input_ids";

    public string AttentionMaskName { get; init; } = "attention_mask";

    /// <summary>Empty when the graph takes no position ids.</summary>
    public string PositionIdsName { get; init; } = "position_ids";

    public string PastKeyFormat { get; init; } = "past_key_values.%d.key";

    public string PastValueFormat { get; init; } = "past_key_values.%d.value";

    public string LogitsName { get; init; } = "logits";

    public string PresentKeyFormat { get; init; } = "present.%d.key";

    public string PresentValueFormat { get; init; } = "present.%d.value";

    /// <summary>Intra-op threads from <c>session_options</c>; 0 lets ONNX Runtime choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary><c>search.past_present_share_buffer</c>: the graph's past and present KV are one buffer of fixed length
    /// (the model builder's GroupQueryAttention layout), so a step writes only its new positions.</summary>
    public bool PastPresentShareBuffer { get; init; }

    /// <summary>The <c>search</c> section: what generation does when a request leaves a setting out.</summary>
    public GenerationDefaults Search { get; init; } = new();

    public string PastKeyName(int layer) => Format(PastKeyFormat, layer);

    public string PastValueName(int layer) => Format(PastValueFormat, layer);

    public string PresentKeyName(int layer) => Format(PresentKeyFormat, layer);

    public string PresentValueName(int layer) => Format(PresentValueFormat, layer);

    private static string Format(string pattern, int layer) =>
        pattern.Replace("%d", layer.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
