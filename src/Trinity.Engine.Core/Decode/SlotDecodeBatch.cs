using Microsoft.ML.OnnxRuntime;
using Trinity.Engine.Decode.Scheduling;
using Trinity.Engine.Model;

namespace Trinity.Engine.Decode;

/// <summary>
/// The decode batch of shared-buffer (GroupQueryAttention) models: rows are slots of one <see cref="KvSlotBuffer"/>,
/// right-padded (each row's length is its count of ones in <c>attention_mask</c>), and a step binds the buffer as both
/// past and present, so it writes one position per row and copies nothing. The binding is made once per batch size and
/// buffer capacity: the mask is as wide as the buffer (GroupQueryAttention reads each row's length from its ones, and a
/// width above one token marks a decode step), so a step only rewrites the pinned ids and mask and runs.
/// </summary>
internal sealed class SlotDecodeBatch(DecoderSession session, int maxRows) : IDecodeBatch
{
    private readonly KvSlotBuffer _slots = new(session.Config, maxRows);
    private readonly DecodeInputs _inputs = new();
    private readonly OrtIoBinding _binding = session.CreateBinding();
    private float[] _logits = [];
    private OrtValue? _logitsValue;
    private int _logitsRows;
    private long[] _mask = [];
    private OrtValue? _maskValue;
    private (int Rows, int Width) _maskShape;
    private (OrtValue? Ids, OrtValue? Mask, OrtValue? Logits, OrtValue? Key) _bound;
    private int _rows;

    public long KvBytes => _slots.Bytes;

    /// <summary>The slot buffer (tests check that steps do not reallocate it).</summary>
    internal KvSlotBuffer Slots => _slots;

    public void Apply(StepPlan<Sequence> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var (s, slot) in plan.Detached)
        {
            var own = KvCache.Allocate(session.Config, 1, s.CachedTokens);
            _slots.CopyOut(slot, s.CachedTokens, own);
            s.OwnKv = own;
        }

        foreach (var move in plan.Moves)
        {
            _slots.Move(move.From, move.To, move.Positions);
        }

        if (plan.Joins.Count > 0)
        {
            var longest = 0;
            foreach (var row in plan.DecodeRows)
            {
                longest = Math.Max(longest, row.CachedTokens + 1);
            }

            _slots.Reserve(plan.DecodeRows.Count, longest, _rows, int.MaxValue);
            foreach (var (s, slot) in plan.Joins)
            {
                _slots.CopyIn(s.OwnKv!, s.CachedTokens, slot);
                s.ReleaseKv();
            }
        }

        _rows = plan.DecodeRows.Count;
        if (_rows == 0)
        {
            // An idle engine holds no KV: the next batch grows the buffer again (a few doublings).
            _slots.Dispose();
        }
    }

    public void Step(IReadOnlyList<Sequence> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var batch = rows.Count;
        if (batch == 0)
        {
            return;
        }

        var total = 0;
        foreach (var row in rows)
        {
            total = Math.Max(total, row.CachedTokens + 1);
        }

        _slots.Reserve(batch, total, _rows, int.MaxValue);
        _inputs.Resize(batch);
        var width = _slots.Capacity;
        var maskValue = Mask(batch, width);
        var (keys, values) = _slots.Views(batch);
        var logitsValue = Logits(batch);
        if (!ReferenceEquals(_bound.Ids, _inputs.IdsValue) || !ReferenceEquals(_bound.Mask, maskValue)
            || !ReferenceEquals(_bound.Logits, logitsValue) || !ReferenceEquals(_bound.Key, keys[0]))
        {
            session.BindShared(_binding, _inputs.IdsValue, maskValue, _inputs.PositionsValue, keys, values);
            _binding.BindOutput(session.Config.LogitsName, logitsValue);
            _bound = (_inputs.IdsValue, maskValue, logitsValue, keys[0]);
        }

        var ids = _inputs.Ids;
        var mask = _mask.AsSpan(0, batch * width);
        for (var b = 0; b < batch; b++)
        {
            var row = rows[b];
            ids[b] = row.PendingToken;
            _inputs.Positions[b] = row.CachedTokens;
            var length = row.CachedTokens + 1;
            mask.Slice(b * width, length).Fill(1);
            mask.Slice((b * width) + length, width - length).Clear();
        }

        session.Run(_binding);
        var vocab = session.Config.VocabSize;
        ReadOnlySpan<float> all = _logits;
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

    /// <summary>The [B, width] attention mask over a reused pinned buffer, recreated only when its shape changes.</summary>
    private OrtValue Mask(int batch, int width)
    {
        if (_maskValue is null || _maskShape != (batch, width))
        {
            _maskValue?.Dispose();
            if (_mask.Length < batch * width)
            {
                _mask = new long[batch * width];
            }

            _maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _mask.AsMemory(0, batch * width), [batch, width]);
            _maskShape = (batch, width);
        }

        return _maskValue;
    }

    /// <summary>The [B,1,V] logits tensor over a reused buffer, recreated only when the batch size changes.</summary>
    private OrtValue Logits(int batch)
    {
        if (_logitsValue is null || _logitsRows != batch)
        {
            _logitsValue?.Dispose();
            var vocab = session.Config.VocabSize;
            if (_logits.Length < batch * vocab)
            {
                _logits = new float[Math.Max(batch, 2 * _logitsRows) * vocab];
            }

            _logitsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _logits.AsMemory(0, batch * vocab), [batch, 1, vocab]);
            _logitsRows = batch;
        }

        return _logitsValue;
    }

    public void Reset()
    {
        _rows = 0;
        _slots.Dispose();
    }

    public void Dispose()
    {
        _binding.Dispose();
        _maskValue?.Dispose();
        _logitsValue?.Dispose();
        _inputs.Dispose();
        _slots.Dispose();
    }
}
