namespace Trinity.Tokenization.PreTokenizers;

/// <summary>When Metaspace prepends its replacement character (Hugging Face's <c>prepend_scheme</c>).</summary>
internal enum MetaspacePrependScheme
{
    /// <summary>To every piece it sees (also after added tokens): the legacy behaviour.</summary>
    Always,

    /// <summary>Only to the piece that starts the text.</summary>
    First,

    /// <summary>Never.</summary>
    Never,
}
