using Trinity.Tokenization;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Maps token boundaries back to character offsets of the original text, so that chunks are cut from the
/// text itself rather than decoded from token slices.</summary>
internal static class TokenOffsets
{
    /// <summary>Returns <c>offsets</c> of length <c>ids.Length + 1</c>: <c>offsets[i]</c> is where the text of tokens
    /// <c>[i, …)</c> starts. Every offset is a code-point boundary: a character whose UTF-8 bytes span several tokens
    /// belongs to the boundary after its last byte, because the streaming decoder hands out complete characters only.</summary>
    public static int[] Map(ITokenizer tokenizer, string text, int[] ids)
    {
        var offsets = new int[ids.Length + 1];
        var decoder = tokenizer.CreateStreamingDecoder(skipSpecialTokens: false);
        var position = 0;
        var exact = true;
        for (var i = 0; i < ids.Length; i++)
        {
            var piece = decoder.Push(ids[i]);
            exact = exact && Matches(text, position, piece);
            position += piece.Length;
            offsets[i + 1] = position;
        }

        var tail = decoder.Flush();
        exact = exact && Matches(text, position, tail);
        position += tail.Length;
        if (exact && position == text.Length)
        {
            offsets[ids.Length] = text.Length;
            return offsets;
        }

        // The tokenizer normalises text (its decoded form differs from the input): offsets are scaled onto the
        // original and snapped to character boundaries; the chunker re-encodes every chunk, which keeps the token
        // limit exact even where the mapping is approximate.
        for (var i = 1; i < offsets.Length; i++)
        {
            var scaled = position == 0 ? 0 : (int)((long)offsets[i] * text.Length / position);
            offsets[i] = Math.Max(offsets[i - 1], SnapBack(text, Math.Min(scaled, text.Length)));
        }

        offsets[ids.Length] = text.Length;
        return offsets;
    }

    private static bool Matches(string text, int position, string piece) =>
        position + piece.Length <= text.Length && text.AsSpan(position, piece.Length).SequenceEqual(piece);

    private static int SnapBack(string text, int offset) =>
        offset > 0 && offset < text.Length && char.IsLowSurrogate(text[offset]) && char.IsHighSurrogate(text[offset - 1]) ? offset - 1 : offset;
}
