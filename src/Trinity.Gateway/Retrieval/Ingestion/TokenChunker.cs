using Trinity.Tokenization;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>
/// Cuts a text into chunks of at most N tokens of a model's tokenizer, consecutive chunks sharing about M tokens.
/// A chunk is a character range of the original text (token boundaries are mapped back to characters, so no chunk
/// starts or ends inside a character); the chunks cover the text in order. Near the limit a chunk ends at the best
/// place in its last quarter (paragraph, sentence, line, word; see <see cref="ChunkBoundaries"/>) and the next one
/// starts at a word boundary; every chunk is re-encoded on its own, so its token count is exact.
/// </summary>
internal sealed class TokenChunker(ITokenizer tokenizer)
{
    /// <summary>Longest chunk in characters: the most text the pool embeds for one point.</summary>
    public const int MaxChunkChars = 65_536;

    /// <summary>The chunks of <paramref name="text"/>, or null when there would be more than <paramref name="maxChunks"/>.
    /// A chunk exceeds <paramref name="chunkTokens"/> only where a single character needs more tokens than that.</summary>
    public List<TextChunk>? Chunk(string text, int chunkTokens, int overlapTokens, int maxChunks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkTokens, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapTokens);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(overlapTokens, chunkTokens);
        var chunks = new List<TextChunk>();
        var ids = tokenizer.Encode(text);
        if (ids.Length == 0)
        {
            return chunks;
        }

        var cuts = new ChunkBoundaries(text, TokenOffsets.Map(tokenizer, text, ids));
        var start = 0;
        while (true)
        {
            var end = ChooseEnd(cuts, start, chunkTokens, overlapTokens);
            var tokens = Measure(text, cuts, start, ref end, chunkTokens);
            chunks.Add(new TextChunk(cuts.Offset(start), cuts.Offset(end), tokens));
            if (chunks.Count > maxChunks)
            {
                return null;
            }

            if (cuts.Offset(end) >= text.Length)
            {
                return chunks;
            }

            start = overlapTokens == 0 ? end : ChooseStart(cuts, start, end, overlapTokens);
        }
    }

    /// <summary>The end boundary of the chunk starting at <paramref name="start"/>: the limit, or a better place in the
    /// last quarter before it. The look-back is capped at half the stride so that chunks always advance.</summary>
    private static int ChooseEnd(ChunkBoundaries cuts, int start, int chunkTokens, int overlapTokens)
    {
        var end = Math.Min(start + chunkTokens, cuts.Tokens);
        while (end > start + 1 && cuts.Offset(end) - cuts.Offset(start) > MaxChunkChars)
        {
            end--;
        }

        // Tokens holding only part of a character add no text: widen until the chunk holds a whole character.
        while (end < cuts.Tokens && cuts.Offset(end) <= cuts.Offset(start))
        {
            end++;
        }

        if (cuts.Offset(end) >= cuts.TextLength)
        {
            return end;
        }

        var lookBack = Math.Min(chunkTokens / 4, (chunkTokens - overlapTokens) / 2);
        var best = end;
        var bestScore = cuts.Score(end);
        for (var t = end - 1; t >= Math.Max(start + 1, end - lookBack); t--)
        {
            var score = cuts.Score(t);
            if (score > bestScore && cuts.Offset(t) > cuts.Offset(start))
            {
                best = t;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>The next chunk's start: <paramref name="overlapTokens"/> before <paramref name="end"/>, moved forward
    /// (by at most half the overlap) to the start of a word; always past <paramref name="start"/>'s text.</summary>
    private static int ChooseStart(ChunkBoundaries cuts, int start, int end, int overlapTokens)
    {
        var first = Math.Max(start + 1, end - overlapTokens);
        var last = Math.Min(end - 1, first + (overlapTokens / 2));
        for (var minimum = ChunkBoundaries.Word; minimum >= ChunkBoundaries.InsideWord; minimum--)
        {
            for (var t = first; t <= (minimum == ChunkBoundaries.Word ? last : end - 1); t++)
            {
                if (cuts.Score(t) >= minimum && cuts.Offset(t) > cuts.Offset(start) && cuts.Offset(t) < cuts.Offset(end))
                {
                    return t;
                }
            }
        }

        return end;
    }

    /// <summary>Encodes the chunk on its own (tokens at its edges may merge differently than inside the whole text) and
    /// pulls <paramref name="end"/> back until the count fits.</summary>
    private int Measure(string text, ChunkBoundaries cuts, int start, ref int end, int chunkTokens)
    {
        while (true)
        {
            var tokens = tokenizer.Encode(text[cuts.Offset(start)..cuts.Offset(end)]).Length;
            var shorter = end - Math.Max(1, tokens - chunkTokens);
            while (shorter > start + 1 && cuts.Score(shorter) == ChunkBoundaries.InsideGrapheme)
            {
                shorter--;
            }

            if (tokens <= chunkTokens || shorter <= start || cuts.Offset(shorter) <= cuts.Offset(start))
            {
                return tokens;
            }

            end = shorter;
        }
    }
}
