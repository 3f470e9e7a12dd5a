namespace Trinity.Tokenization.Decoders;

/// <summary>What tokenizer.json's <c>decoder</c> does, reduced to the steps this tokenizer implements.</summary>
/// <param name="ByteLevel">Tokens are byte-level alphabet strings (GPT-2's <c>ByteLevel</c> decoder).</param>
/// <param name="Replacements">Per-token literal replacements, in order (<c>Replace("▁", " ")</c>).</param>
/// <param name="Metaspace">A Metaspace decoder's replacement character: it becomes a space, and in the first token it
/// is dropped unless <paramref name="MetaspaceKeepsFirst"/>.</param>
/// <param name="MetaspaceKeepsFirst">The Metaspace decoder's <c>prepend_scheme</c> is never.</param>
/// <param name="ByteFallback"><c>&lt;0xNN&gt;</c> tokens stand for their byte; a run of them that is not valid UTF-8
/// becomes one U+FFFD per byte (Hugging Face's <c>ByteFallback</c>).</param>
/// <param name="StripContent">The character a post-<c>Fuse</c> <c>Strip</c> removes from the start of the text.</param>
/// <param name="StripStart">How many of them it removes at most (0: no Strip).</param>
internal sealed record DecoderSpec(
    bool ByteLevel,
    IReadOnlyList<(string Pattern, string Content)> Replacements,
    char? Metaspace,
    bool MetaspaceKeepsFirst,
    bool ByteFallback,
    char StripContent,
    int StripStart)
{
    /// <summary>GPT-2's decoder (also used when a byte-level tokenizer.json has none).</summary>
    public static DecoderSpec ByteLevelDecoder { get; } = new(true, [], null, false, false, ' ', 0);
}
