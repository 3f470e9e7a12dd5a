using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Trinity.Engine.Model;

namespace Trinity.Engine.Decode;

/// <summary>
/// The decode batch's KV cache for shared-buffer (GroupQueryAttention) models: per layer one key and one value
/// buffer of [rows, kv_heads, capacity, head_dim] float32, each row a slot holding one sequence. A step binds the
/// first B rows as both past and present, so the graph writes only the new position of each row. A joining sequence
/// copies its own cache into its slot, a leaving one frees its slot (the last row moves into the hole); nothing copies
/// the whole batch except growth, which doubles rows or capacity and so happens a logarithmic number of times.
/// Owns its native memory; not thread-safe (the engine loop's thread only).
/// </summary>
internal sealed unsafe class KvSlotBuffer : IDisposable
{
    private readonly ModelConfig _config;
    private readonly int _heads;
    private readonly int _dim;
    private readonly int _maxRows;
    private float*[] _keys;
    private float*[] _values;
    private OrtValue[]? _keyViews;
    private OrtValue[]? _valueViews;
    private int _viewRows;

    public KvSlotBuffer(ModelConfig config, int maxRows)
    {
        _config = config;
        _heads = config.NumKvHeads;
        _dim = config.HeadSize;
        _maxRows = maxRows;
        _keys = new float*[config.NumLayers];
        _values = new float*[config.NumLayers];
    }

    /// <summary>Rows allocated.</summary>
    public int Rows { get; private set; }

    /// <summary>Positions each row can hold.</summary>
    public int Capacity { get; private set; }

    /// <summary>Native bytes held.</summary>
    public long Bytes => 2L * _config.NumLayers * Rows * RowFloats * sizeof(float);

    /// <summary>Times the whole buffer was reallocated (growth); a diagnostic for tests and metrics.</summary>
    public int Reallocations { get; private set; }

    private long RowFloats => (long)_heads * Capacity * _dim;

    /// <summary>Makes room for <paramref name="rows"/> rows of <paramref name="positions"/> positions, keeping the first
    /// <paramref name="usedRows"/> rows' first <paramref name="usedPositions"/> positions.</summary>
    public void Reserve(int rows, int positions, int usedRows, int usedPositions)
    {
        if (rows <= Rows && positions <= Capacity)
        {
            return;
        }

        var newRows = Rows;
        while (newRows < rows)
        {
            newRows = Math.Max(1, newRows * 2);
        }

        newRows = Math.Min(Math.Max(newRows, rows), Math.Max(_maxRows, rows));
        var newCapacity = Math.Max(Capacity, 64);
        while (newCapacity < positions)
        {
            newCapacity *= 2;
        }

        newCapacity = Math.Min(newCapacity, Math.Max(_config.ContextLength, positions));
        var rowFloats = (long)_heads * newCapacity * _dim;
        for (var l = 0; l < _config.NumLayers; l++)
        {
            _keys[l] = Regrow(_keys[l], newRows, newCapacity, rowFloats, usedRows, usedPositions);
            _values[l] = Regrow(_values[l], newRows, newCapacity, rowFloats, usedRows, usedPositions);
        }

        if (Rows > 0)
        {
            Reallocations++;
        }

        Rows = newRows;
        Capacity = newCapacity;
        DisposeViews();
    }

    /// <summary>Key and value tensors over the first <paramref name="rows"/> rows, for one forward pass. Valid until the
    /// buffer grows.</summary>
    public (OrtValue[] Keys, OrtValue[] Values) Views(int rows)
    {
        if (_keyViews is null || _viewRows != rows)
        {
            DisposeViews();
            _keyViews = new OrtValue[_config.NumLayers];
            _valueViews = new OrtValue[_config.NumLayers];
            long[] shape = [rows, _heads, Capacity, _dim];
            var bytes = rows * RowFloats * sizeof(float);
            for (var l = 0; l < _config.NumLayers; l++)
            {
                _keyViews[l] = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, shape, (IntPtr)_keys[l], bytes);
                _valueViews[l] = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, shape, (IntPtr)_values[l], bytes);
            }

            _viewRows = rows;
        }

        return (_keyViews, _valueViews!);
    }

    /// <summary>Copies the first <paramref name="count"/> positions of row 0 of a sequence's own cache into slot <paramref name="slot"/>.</summary>
    public void CopyIn(KvCache source, int count, int slot)
    {
        for (var l = 0; l < _config.NumLayers; l++)
        {
            CopyPositions(Span(source.Keys[l]), source.Length, 0, new Span<float>(_keys[l], checked((int)(Rows * RowFloats))), Capacity, slot, count);
            CopyPositions(Span(source.Values[l]), source.Length, 0, new Span<float>(_values[l], checked((int)(Rows * RowFloats))), Capacity, slot, count);
        }
    }

    /// <summary>Copies the first <paramref name="count"/> positions of slot <paramref name="slot"/> into row 0 of <paramref name="target"/>.</summary>
    public void CopyOut(int slot, int count, KvCache target)
    {
        for (var l = 0; l < _config.NumLayers; l++)
        {
            CopyPositions(new ReadOnlySpan<float>(_keys[l], checked((int)(Rows * RowFloats))), Capacity, slot, Span(target.Keys[l]), target.Length, 0, count);
            CopyPositions(new ReadOnlySpan<float>(_values[l], checked((int)(Rows * RowFloats))), Capacity, slot, Span(target.Values[l]), target.Length, 0, count);
        }
    }

    /// <summary>Moves the first <paramref name="count"/> positions of slot <paramref name="from"/> to slot <paramref name="to"/>.</summary>
    public void Move(int from, int to, int count)
    {
        for (var l = 0; l < _config.NumLayers; l++)
        {
            var keys = new Span<float>(_keys[l], checked((int)(Rows * RowFloats)));
            var values = new Span<float>(_values[l], checked((int)(Rows * RowFloats)));
            CopyPositions(keys, Capacity, from, keys, Capacity, to, count);
            CopyPositions(values, Capacity, from, values, Capacity, to, count);
        }
    }

    /// <summary>Frees the memory; the buffer can grow again afterwards.</summary>
    public void Dispose()
    {
        DisposeViews();
        for (var l = 0; l < _config.NumLayers; l++)
        {
            NativeMemory.AlignedFree(_keys[l]);
            NativeMemory.AlignedFree(_values[l]);
            _keys[l] = null;
            _values[l] = null;
        }

        Rows = 0;
        Capacity = 0;
    }

    private float* Regrow(float* old, int rows, int capacity, long rowFloats, int usedRows, int usedPositions)
    {
        var floats = rows * rowFloats;
        var fresh = (float*)NativeMemory.AlignedAlloc((nuint)(floats * sizeof(float)), 64);
        NativeMemory.Clear(fresh, (nuint)(floats * sizeof(float)));
        if (old is not null)
        {
            var count = Math.Min(usedPositions, Math.Min(Capacity, capacity));
            for (var r = 0; r < Math.Min(usedRows, Math.Min(Rows, rows)); r++)
            {
                for (var g = 0; g < _heads; g++)
                {
                    var from = old + ((((long)r * _heads) + g) * Capacity * _dim);
                    var to = fresh + ((((long)r * _heads) + g) * capacity * _dim);
                    Buffer.MemoryCopy(from, to, (long)count * _dim * sizeof(float), (long)count * _dim * sizeof(float));
                }
            }

            NativeMemory.AlignedFree(old);
        }

        return fresh;
    }

    private void CopyPositions(ReadOnlySpan<float> source, int sourceCapacity, int sourceRow, Span<float> target, int targetCapacity, int targetRow, int count)
    {
        for (var g = 0; g < _heads; g++)
        {
            var s = (((long)sourceRow * _heads) + g) * sourceCapacity * _dim;
            var t = (((long)targetRow * _heads) + g) * targetCapacity * _dim;
            source.Slice((int)s, count * _dim).CopyTo(target.Slice((int)t, count * _dim));
        }
    }

    private static Span<float> Span(OrtValue value) => value.GetTensorMutableDataAsSpan<float>();

    private void DisposeViews()
    {
        if (_keyViews is not null)
        {
            foreach (var v in _keyViews)
            {
                v.Dispose();
            }

            foreach (var v in _valueViews!)
            {
                v.Dispose();
            }
        }

        _keyViews = null;
        _valueViews = null;
        _viewRows = 0;
    }
}
