using Trinity.Engine.Model;

namespace Trinity.Engine.Decode;

/// <summary>
/// The running decode batch: all active sequences advance by one token per forward pass. Their caches live
/// in one [B, kv_heads, P, head_dim] tensor per layer, left-padded to the longest row and masked through
/// <c>attention_mask</c>; a step's present output becomes the next step's past as is. The cache is only
/// re-laid out when membership changes (a sequence joins or leaves), and then trimmed to the longest row.
/// </summary>
internal sealed class DecodeBatch(DecoderSession session) : IDisposable
{
    private readonly StepBuffers _buffers = new();
    private readonly DecodeInputs _inputs = new();
    private List<Sequence> _rows = [];
    private KvCache? _kv;

    public IReadOnlyList<Sequence> Rows => _rows;

    public long KvBytes => _kv?.Bytes ?? 0;

    /// <summary>Padded length of every row.</summary>
    public int Length => _kv?.Length ?? 0;

    /// <summary>Drops finished rows, detaches rows waiting for a retrieval during decode (their cache rows are copied out
    /// into their own caches and they are added to <paramref name="detached"/>), and adds <paramref name="joining"/>
    /// sequences (which hand over their own caches).</summary>
    public void Reconcile(IReadOnlyList<Sequence> joining, List<Sequence> detached)
    {
        if (joining.Count == 0 && _rows.TrueForAll(r => r.Finished is null && !r.IsCancelled && r.Retrieval is null))
        {
            return;
        }

        foreach (var r in _rows)
        {
            if (r.Finished is null && !r.IsCancelled && r.Retrieval is not null)
            {
                var own = KvCache.Allocate(session.Config, 1, r.CachedTokens);
                _kv!.CopyRowTo(_rows.IndexOf(r), _kv.Length - r.CachedTokens, r.CachedTokens, own, 0, 0);
                r.OwnKv = own;
                detached.Add(r);
            }
        }

        var keep = _rows.FindAll(r => r.Finished is null && !r.IsCancelled && r.Retrieval is null);
        var rows = keep.Concat(joining).ToList();
        if (rows.Count == 0)
        {
            _kv?.Dispose();
            _kv = null;
            _rows = rows;
            return;
        }

        var length = rows.Max(s => s.CachedTokens);
        var kv = KvCache.Allocate(session.Config, rows.Count, length);
        for (var i = 0; i < rows.Count; i++)
        {
            var s = rows[i];
            if (i < keep.Count)
            {
                var old = _rows.IndexOf(s);
                _kv!.CopyRowTo(old, _kv.Length - s.CachedTokens, s.CachedTokens, kv, i, length - s.CachedTokens);
            }
            else
            {
                s.OwnKv!.CopyRowTo(0, 0, s.CachedTokens, kv, i, length - s.CachedTokens);
                s.ReleaseKv();
            }
        }

        _kv?.Dispose();
        _kv = kv;
        _rows = rows;
    }

    /// <summary>Feeds every row its pending token, samples the next one and hands it to the row.</summary>
    public void Step()
    {
        if (_rows.Count == 0 || _kv is null)
        {
            return;
        }

        int batch = _rows.Count, past = _kv.Length, total = past + 1;
        _inputs.Resize(batch);
        var ids = _inputs.Ids;
        var positions = _inputs.Positions;
        var mask = _buffers.Mask(batch * total);
        for (var b = 0; b < batch; b++)
        {
            var row = _rows[b];
            ids[b] = row.PendingToken;
            positions[b] = row.CachedTokens;
            var pad = past - row.CachedTokens;
            mask.Slice(b * total, pad).Clear();
            mask.Slice((b * total) + pad, total - pad).Fill(1);
        }

        using var maskValue = _buffers.MaskValue(batch, total);
        var (logits, present) = session.Run(_inputs.IdsValue, maskValue, _inputs.PositionsValue, _kv, total);
        _kv.Dispose();
        _kv = present;
        using (logits)
        {
            var vocab = session.Config.VocabSize;
            var all = logits.GetTensorDataAsSpan<float>();
            for (var b = 0; b < batch; b++)
            {
                var row = _rows[b];
                row.CachedTokens++;
                if (!row.IsCancelled)
                {
                    row.Accept(row.Sampler.Next(all.Slice(b * vocab, vocab)));
                }
            }
        }
    }

    public void Dispose()
    {
        _inputs.Dispose();
        _kv?.Dispose();
        _kv = null;
    }
}
