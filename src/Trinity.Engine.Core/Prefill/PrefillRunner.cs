using Trinity.Engine.Decode;
using Trinity.Engine.Model;

namespace Trinity.Engine.Prefill;

/// <summary>
/// Chunked prefill: runs a sequence's feed (prompt, or context retrieved during decode) through the model a chunk at a
/// time on the sequence's own batch-1 cache, so one long prompt never blocks the engine for more than one chunk, and
/// several prompts share a step's token budget. After the last chunk the next token is sampled from the last position's
/// logits. Shared-buffer models write each chunk in place into a cache sized for the whole feed; classic models
/// concatenate.
/// </summary>
internal sealed class PrefillRunner(DecoderSession session)
{
    private readonly StepBuffers _buffers = new();

    /// <summary>Runs up to <paramref name="maxTokens"/> tokens of <paramref name="sequence"/>'s feed. Returns the number
    /// processed; when the feed is complete the next token has been sampled and accepted.</summary>
    public int RunChunk(Sequence sequence, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(sequence);
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
        using var idsValue = _buffers.IdsValue(1, count);
        using var maskValue = _buffers.MaskValue(1, total);
        using var positionsValue = _buffers.PositionsValue(1, count);
        Microsoft.ML.OnnxRuntime.OrtValue logits;
        if (session.Layout == KvLayout.SharedBuffer)
        {
            var own = EnsureCapacity(sequence, start + (sequence.Feed.Length - feedStart));
            logits = session.RunShared(idsValue, maskValue, positionsValue, own.Keys, own.Values);
        }
        else
        {
            var past = sequence.OwnKv ?? KvCache.Empty(session.Config, 1);
            (logits, var present) = session.Run(idsValue, maskValue, positionsValue, past, total);
            past.Dispose();
            sequence.OwnKv = present;
        }

        sequence.CachedTokens = total;
        sequence.FeedDone += count;
        using (logits)
        {
            if (sequence.FeedComplete)
            {
                var vocab = session.Config.VocabSize;
                var last = logits.GetTensorDataAsSpan<float>().Slice((count - 1) * vocab, vocab);
                sequence.SampleAndAccept(last);
            }
        }

        return count;
    }

    /// <summary>The sequence's own shared-layout cache, with room for <paramref name="positions"/> positions (the whole
    /// feed, so later chunks write in place); an existing smaller cache is copied into a larger one.</summary>
    private KvCache EnsureCapacity(Sequence sequence, int positions)
    {
        if (sequence.OwnKv is { } own && own.Length >= positions)
        {
            return own;
        }

        var grown = KvCache.Allocate(session.Config, 1, positions);
        if (sequence.OwnKv is { } old)
        {
            old.CopyRowTo(0, 0, sequence.CachedTokens, grown, 0, 0);
            old.Dispose();
        }

        sequence.OwnKv = grown;
        return grown;
    }
}
