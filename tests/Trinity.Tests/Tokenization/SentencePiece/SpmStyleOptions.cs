namespace Trinity.Tests.Tokenization.SentencePiece;

/// <summary>How <see cref="SpmStyleTokenizerFiles"/> writes a SentencePiece-style tokenizer.json.</summary>
internal sealed record SpmStyleOptions
{
    /// <summary>Legacy form (Llama 2, Mistral 7B v0.1, Phi-3 as published): normalizer
    /// Sequence[Prepend("▁"), Replace(" ", "▁")] and no pre-tokenizer. Otherwise the Metaspace pre-tokenizer
    /// (transformers' conversion with <c>legacy: false</c>).</summary>
    public bool NormalizerForm { get; init; } = true;

    /// <summary>Metaspace <c>prepend_scheme</c>: always, first or never.</summary>
    public string PrependScheme { get; init; } = "first";

    /// <summary>Metaspace <c>split</c>.</summary>
    public bool Split { get; init; }

    /// <summary>Writes the Metaspace object in the old form (<c>add_prefix_space</c>, no <c>prepend_scheme</c>).</summary>
    public bool LegacyMetaspaceFields { get; init; }

    /// <summary>Decoder: Sequence[Replace, ByteFallback, Fuse, Strip] (true) or a Metaspace decoder.</summary>
    public bool ReplaceDecoder { get; init; } = true;

    public bool ByteFallback { get; init; } = true;

    public bool FuseUnk { get; init; } = true;

    /// <summary>Merges as [left, right] arrays (newer tokenizers) instead of "left right" strings.</summary>
    public bool MergesAsPairs { get; init; }

    /// <summary>Merges to train (the vocabulary then has the control characters \n, \t, \r only as byte fallback).</summary>
    public int MergeCount { get; init; } = 600;

    /// <summary>Whether tokenizer.json's post-processor adds <c>&lt;s&gt;</c> (TemplateProcessing).</summary>
    public bool PostProcessorBos { get; init; } = true;

    /// <summary><c>add_bos_token</c> in tokenizer_config.json; null leaves the key out.</summary>
    public bool? AddBosToken { get; init; } = true;

    public string TokenizerClass { get; init; } = "LlamaTokenizer";

    /// <summary>Added tokens after the vocabulary (Phi-3's chat markers): content, special, rstrip; matched on the
    /// raw text unless named in <see cref="NormalizedTokens"/>.</summary>
    public IReadOnlyList<(string Content, bool Special, bool RightStrip)> ExtraTokens { get; init; } = [];

    /// <summary>Extra tokens written with <c>normalized: true</c> (matched after the normalizer).</summary>
    public IReadOnlySet<string> NormalizedTokens { get; init; } = new HashSet<string>();
}
