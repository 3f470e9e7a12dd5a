namespace Trinity.Tests.Tokenization.SentencePiece;

/// <summary>The SentencePiece-style tokenizer.json layouts the tests write, by name.</summary>
internal static class SpmStyleForms
{
    /// <summary>Phi-3's chat markers: <c>&lt;|endoftext|&gt;</c>, then turn markers that swallow the white space after them.</summary>
    public static readonly IReadOnlyList<(string Content, bool Special, bool RightStrip)> Phi3Tokens =
    [
        ("<|endoftext|>", true, false), ("<|assistant|>", true, true), ("<|end|>", true, true), ("<|user|>", true, true),
    ];

    /// <summary>Llama 2 and Mistral 7B as published: Prepend/Replace normalizer, no pre-tokenizer,
    /// <c>add_bos_token: true</c>, TemplateProcessing adding <c>&lt;s&gt;</c>.</summary>
    public const string Llama2 = "llama2";

    /// <summary>Phi-3 as published: the Llama 2 layout plus chat markers, <c>add_bos_token: false</c> in
    /// tokenizer_config.json while the post-processor still adds <c>&lt;s&gt;</c>.</summary>
    public const string Phi3 = "phi3";

    /// <summary>transformers' conversion with <c>legacy: false</c>: Metaspace(prepend_scheme first, split false).</summary>
    public const string MetaspaceFirst = "metaspace-first";

    /// <summary>tokenizers' own Metaspace default (always, split) with merges written as pairs.</summary>
    public const string MetaspaceAlwaysSplit = "metaspace-always-split";

    /// <summary>Metaspace written with the pre-0.15 fields (<c>add_prefix_space</c>) and a Metaspace decoder.</summary>
    public const string MetaspaceLegacyFields = "metaspace-legacy-fields";

    /// <summary>No byte fallback: unknown characters become one fused <c>&lt;unk&gt;</c>.</summary>
    public const string UnknownFused = "unk-fused";

    /// <summary>No byte fallback, <c>fuse_unk: false</c>: one <c>&lt;unk&gt;</c> per unknown character.</summary>
    public const string UnknownUnfused = "unk-unfused";

    /// <summary>The Llama 2 layout plus a plain added token matched after normalization (<c>normalized: true</c>).</summary>
    public const string NormalizedAddedToken = "normalized-added-token";

    public static IReadOnlyDictionary<string, SpmStyleOptions> All { get; } = new Dictionary<string, SpmStyleOptions>
    {
        [Llama2] = new(),
        [Phi3] = new() { ExtraTokens = Phi3Tokens, AddBosToken = false },
        [MetaspaceFirst] = new() { NormalizerForm = false, PrependScheme = "first", ExtraTokens = Phi3Tokens },
        [MetaspaceAlwaysSplit] = new() { NormalizerForm = false, PrependScheme = "always", Split = true, MergesAsPairs = true },
        [MetaspaceLegacyFields] = new() { NormalizerForm = false, PrependScheme = "always", LegacyMetaspaceFields = true, ReplaceDecoder = false },
        [UnknownFused] = new() { ByteFallback = false },
        [UnknownUnfused] = new() { ByteFallback = false, FuseUnk = false },
        [NormalizedAddedToken] = new() { ExtraTokens = [("<tool>", false, false)], NormalizedTokens = new HashSet<string> { "<tool>" } },
    };
}
