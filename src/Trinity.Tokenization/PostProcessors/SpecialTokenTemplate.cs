namespace Trinity.Tokenization.PostProcessors;

/// <summary>The special tokens tokenizer.json's <c>post_processor</c> puts around one encoded sequence
/// (Llama 2's TemplateProcessing: <c>&lt;s&gt;</c> before it).</summary>
/// <param name="Prefix">Ids before the sequence.</param>
/// <param name="Suffix">Ids after it.</param>
internal sealed record SpecialTokenTemplate(int[] Prefix, int[] Suffix)
{
    public static SpecialTokenTemplate None { get; } = new([], []);

    /// <summary>This template applied around <paramref name="inner"/>'s (a Sequence applies its steps in order).</summary>
    public SpecialTokenTemplate Around(SpecialTokenTemplate inner) => new([.. Prefix, .. inner.Prefix], [.. inner.Suffix, .. Suffix]);
}
