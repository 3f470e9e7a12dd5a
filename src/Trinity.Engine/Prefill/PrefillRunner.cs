using Trinity.Engine.Decode;
using Trinity.Engine.Model;

namespace Trinity.Engine.Prefill;

/// <summary>
/// Chunked prefill: runs a sequence's prompt through the model a chunk at a time on the sequence's own cache,
/// so one long prompt never blocks the engine for more than one chunk, and several prompts share a step's
/// token budget. After the last chunk the first token is sampled from the last position's logits.
/// </summary>
internal sealed class PrefillRunner(DecoderSession session)
{
    private readonly StepBuffers _buffers = new();

    /// <summary>Runs up to <paramref name="maxTokens"/> tokens of <paramref name="sequence"/>'s feed (its prompt, or the
    /// context retrieved during decode). Returns the number processed; when the feed is complete the next token has
    /// been sampled and accepted.</summary>
    public int RunChunk(Sequence sequence, int maxTokens)
    {
        var start = sequence.CachedTokens;
        var feedStart = sequence.FeedDone;
        var count = Math.Min(maxTokens, sequence.Feed.Length - feedStart);
        if (count <= 0)
        {
            return 0;
        }

        var total = start + count;
        var ids = _buffers.Ids(count);
        var positions = _buffers.Positions(count);
        for (var i = 0; i < count; i++)
        {
            ids[i] = sequence.Feed[feedStart + i];
            positions[i] = start + i;
        }

        _buffers.Mask(total).Fill(1);
        var past = sequence.OwnKv ?? KvCache.Empty(session.Config, 1);
        using var idsValue = _buffers.IdsValue(1, count);
        using var maskValue = _buffers.MaskValue(1, total);
        using var positionsValue = _buffers.PositionsValue(1, count);
        var (logits, present) = session.Run(idsValue, maskValue, positionsValue, past, total);
        past.Dispose();
        sequence.OwnKv = present;
        sequence.CachedTokens = total;
        sequence.FeedDone += count;
        using (logits)
        {
            if (sequence.FeedComplete)
            {
                var vocab = session.Config.VocabSize;
                var last = logits.GetTensorDataAsSpan<float>().Slice((count - 1) * vocab, vocab);
                sequence.Accept(sequence.Sampler.Next(last));
            }
        }

        return count;
    }
}
