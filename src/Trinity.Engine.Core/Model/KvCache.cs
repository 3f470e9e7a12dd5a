using Microsoft.ML.OnnxRuntime;

namespace Trinity.Engine.Model;

/// <summary>
/// The key and value tensors of every layer, each [batch, kv_heads, length, head_dim] float32.
/// Owns its OrtValues: disposing the cache frees them.
/// </summary>
internal sealed class KvCache(OrtValue[] keys, OrtValue[] values, int batch, int length) : IDisposable
{
    public OrtValue[] Keys { get; } = keys;

    public OrtValue[] Values { get; } = values;

    public int Batch { get; } = batch;

    /// <summary>Positions each row can hold: for the classic layout the positions held (including left padding in a
    /// batch); for the shared-buffer layout the capacity, of which the sequence's cached tokens are the first.</summary>
    public int Length { get; } = length;

    public int Layers => Keys.Length;

    /// <summary>Bytes held by all layers.</summary>
    public long Bytes => Keys.Length == 0 ? 0 : 2L * Keys.Length * Batch * Length * ElementsPerPosition * sizeof(float);

    /// <summary>kv_heads × head_dim: floats per position and row in one layer's keys.</summary>
    public int ElementsPerPosition { get; init; }

    /// <summary>An empty cache (length 0) for the first forward pass.</summary>
    public static KvCache Empty(ModelConfig config, int batch) => Allocate(config, batch, 0);

    /// <summary>A zero-filled cache of the given size, to be filled by copying.</summary>
    public static KvCache Allocate(ModelConfig config, int batch, int length)
    {
        long[] shape = [batch, config.NumKvHeads, length, config.HeadSize];
        var keys = new OrtValue[config.NumLayers];
        var values = new OrtValue[config.NumLayers];
        for (var l = 0; l < config.NumLayers; l++)
        {
            keys[l] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, shape);
            values[l] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, shape);
            if (length > 0)
            {
                keys[l].GetTensorMutableDataAsSpan<float>().Clear();
                values[l].GetTensorMutableDataAsSpan<float>().Clear();
            }
        }

        return new KvCache(keys, values, batch, length) { ElementsPerPosition = config.NumKvHeads * config.HeadSize };
    }

    /// <summary>
    /// Copies <paramref name="count"/> positions of row <paramref name="sourceRow"/> starting at
    /// <paramref name="sourceStart"/> into row <paramref name="targetRow"/> of <paramref name="target"/> at
    /// <paramref name="targetStart"/>, for every layer and KV head. Used when a batch's membership changes.
    /// </summary>
    public void CopyRowTo(int sourceRow, int sourceStart, int count, KvCache target, int targetRow, int targetStart)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (count == 0)
        {
            return;
        }

        var shape = Keys[0].GetTensorTypeAndShape().Shape;
        int heads = (int)shape[1], dim = (int)shape[3];
        for (var l = 0; l < Layers; l++)
        {
            CopyRows(Keys[l], target.Keys[l]);
            CopyRows(Values[l], target.Values[l]);
        }

        void CopyRows(OrtValue from, OrtValue to)
        {
            var src = from.GetTensorDataAsSpan<float>();
            var dst = to.GetTensorMutableDataAsSpan<float>();
            for (var g = 0; g < heads; g++)
            {
                var s = (((long)sourceRow * heads + g) * Length + sourceStart) * dim;
                var d = (((long)targetRow * heads + g) * target.Length + targetStart) * dim;
                src.Slice((int)s, count * dim).CopyTo(dst.Slice((int)d, count * dim));
            }
        }
    }

    public void Dispose()
    {
        foreach (var value in Keys)
        {
            value.Dispose();
        }

        foreach (var value in Values)
        {
            value.Dispose();
        }
    }
}
