namespace Trinity.Grammar.Vocabulary;

/// <summary>How a tokenizer spells its tokens' bytes in its vocabulary strings.</summary>
public enum VocabularyKind
{
    /// <summary>GPT-2 style byte-level BPE: every byte is one printable character (<c>Ġ</c> is a space).</summary>
    ByteLevel,

    /// <summary>SentencePiece: <c>▁</c> is a space, <c>&lt;0xNN&gt;</c> tokens are single bytes (byte fallback),
    /// everything else is UTF-8 text.</summary>
    SentencePiece,

    /// <summary>Token strings are the text itself, encoded as UTF-8.</summary>
    Text,
}
