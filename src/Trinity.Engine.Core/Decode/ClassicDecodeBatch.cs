using Trinity.Engine.Decode.Scheduling;
using Trinity.Engine.Model;

namespace Trinity.Engine.Decode;

/// <summary>
/// The decode batch of classic (Concat-based) models: every row's cache lives in one [B, kv_heads, P, head_dim] tensor
/// per layer, left-padded to the longest row and masked through <c>attention_mask</c>; a step's present output becomes
/// the next step's past as is. The graph itself copies the cache every step (Concat), so when membership changes the
/// batch is simply relaid out in the scheduler's slot order.
/// </summary>
internal sealed class ClassicDecodeBatch(DecoderSession session) : IDecodeBatch
{
    private readonly StepBuffers _buffers = new();
    private readonly DecodeInputs _inputs = new();
    private List<Sequence> _rows = [];
    private KvCache? _kv;

    public long KvBytes => _kv?.Bytes ?? 0;

    public void Apply(StepPlan<Sequence> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.MembershipChanged)
        {
            return;
        }

        foreach (var (s, _) in plan.Detached)
        {
            var own = KvCache.Allocate(session.Config, 1, s.CachedTokens);
            _kv!.CopyRowTo(_rows.IndexOf(s), _kv.Length - s.CachedTokens, s.CachedTokens, own, 0, 0);
            s.OwnKv = own;
        }

        var rows = plan.DecodeRows.ToList();
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
            var old = _rows.IndexOf(s);
            if (old >= 0)
            {
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

    public void Step(IReadOnlyList<Sequence> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0 || _kv is null)
        {
            return;
        }

        int batch = rows.Count, past = _kv.Length, total = past + 1;
        _inputs.Resize(batch);
        var ids = _inputs.Ids;
        var positions = _inputs.Positions;
        var mask = _buffers.Mask(batch * total);
        for (var b = 0; b < batch; b++)
        {
            var row = rows[b];
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
                var row = rows[b];
                row.CachedTokens++;
                if (!row.IsCancelled)
                {
                    row.SampleAndAccept(all.Slice(b * vocab, vocab));
                }
            }
        }
    }

    public void Reset()
    {
        _kv?.Dispose();
        _kv = null;
        _rows = [];
    }

    public void Dispose()
    {
        _inputs.Dispose();
        Reset();
    }
}
