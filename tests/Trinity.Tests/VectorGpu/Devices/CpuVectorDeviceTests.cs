using Trinity.Bench.Vector;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Devices.Cpu;
using Trinity.VectorGpu.Collections;

namespace Trinity.Tests.VectorGpu.Devices;

public sealed class CpuVectorDeviceTests
{
    [Theory]
    [InlineData(VectorMetric.L2, "l2", 100)]
    [InlineData(VectorMetric.Ip, "ip", 37)]
    [InlineData(VectorMetric.Cosine, "cosine", 128)]
    public void Execute_FlatScanOfRandomData_RecallIsExactlyOne(VectorMetric metric, string name, int dimension)
    {
        const int Count = 3000, Queries = 20, K = 10;
        var data = SyntheticVectors.Random(Count, dimension, seed: 7);
        var queries = SyntheticVectors.Random(Queries, dimension, seed: 8);
        var store = Store(data, Count, dimension, metric);
        var deviceQueries = Enumerable.Range(0, Queries).Select(q => Query(store, queries.AsSpan(q * dimension, dimension), metric, K)).ToArray();

        new CpuVectorDevice().Execute([new SliceWork(store.Source, 0, Count, deviceQueries)]);

        var truth = ExactSearch.Neighbours(data, Count, queries, Queries, dimension, K, name);
        var found = deviceQueries.Select(q => q.Heap.ToSortedArray().Select(c => c.Row).ToArray()).ToList();
        Assert.Equal(1.0, ExactSearch.Recall(found, truth, K, K));
    }

    [Fact]
    public void Execute_QueryAloneOrInBatchOf64_IdenticalRowsAndDistances()
    {
        const int Count = 5000, Dimension = 96, K = 10;
        var data = SyntheticVectors.Random(Count, Dimension, seed: 1);
        var queries = SyntheticVectors.Random(64, Dimension, seed: 2);
        var store = Store(data, Count, Dimension, VectorMetric.L2);
        var device = new CpuVectorDevice();
        var batch = Queries(store, queries, 64, Dimension, K);

        // The batch runs as one slice; the lone queries in odd-sized pieces, so tiles and unit splits differ.
        device.Execute([new SliceWork(store.Source, 0, Count, batch)]);
        for (var q = 0; q < 64; q++)
        {
            var alone = Query(store, queries.AsSpan(q * Dimension, Dimension), VectorMetric.L2, K);
            device.Execute([new SliceWork(store.Source, 0, 1234, [alone]), new SliceWork(store.Source, 1234, Count - 1234, [alone])]);
            Assert.Equal(batch[q].Heap.ToSortedArray(), alone.Heap.ToSortedArray());
        }
    }

    [Fact]
    public void Execute_QueriesOutOfStepOverSlicesAtLargeDimension_SameAsEachQueryAlone()
    {
        // d = 784: cache blocks of 4 rows inside 32-row candidate groups. The slices' query sets overlap without
        // matching (queries that joined the batch at different iterations), slice ends cut groups short, and every
        // query still reads every row exactly once.
        const int Count = 1000, Dimension = 784, K = 10;
        var data = SyntheticVectors.Random(Count, Dimension, seed: 11);
        var vectors = SyntheticVectors.Random(12, Dimension, seed: 12);
        var store = Store(data, Count, Dimension, VectorMetric.L2);
        var queries = Queries(store, vectors, 12, Dimension, K);
        var device = new CpuVectorDevice();

        device.Execute(
        [
            new SliceWork(store.Source, 0, 333, queries[..9]),
            new SliceWork(store.Source, 333, 367, queries[4..]),
            new SliceWork(store.Source, 700, 300, queries),
        ]);
        device.Execute(
        [
            new SliceWork(store.Source, 0, 333, queries[9..]),
            new SliceWork(store.Source, 333, 367, queries[..4]),
        ]);

        var truth = ExactSearch.Neighbours(data, Count, vectors, 12, Dimension, K, "l2");
        Assert.Equal(1.0, ExactSearch.Recall(queries.Select(q => q.Heap.ToSortedArray().Select(c => c.Row).ToArray()).ToList(), truth, K, K));
        for (var q = 0; q < 12; q++)
        {
            var alone = Query(store, vectors.AsSpan(q * Dimension, Dimension), VectorMetric.L2, K);
            device.Execute([new SliceWork(store.Source, 0, Count, [alone])]);
            Assert.Equal(alone.Heap.ToSortedArray(), queries[q].Heap.ToSortedArray());
        }
    }

    [Fact]
    public void Execute_DeadRowsAndFilter_NeverReturned()
    {
        const int Count = 500, Dimension = 16;
        var data = SyntheticVectors.Random(Count, Dimension, seed: 3);
        var store = Store(data, Count, Dimension, VectorMetric.Ip);
        var query = new DeviceQuery(store.Source.Stride == 16 ? data.AsSpan(0, 16).ToArray() : throw new InvalidOperationException(), VectorMetric.Ip, 20, row => row % 2 == 1);

        new CpuVectorDevice().Execute([new SliceWork(store.Source, 0, Count, [query])]);

        var rows = query.Heap.ToSortedArray().Select(c => c.Row).ToArray();
        Assert.Equal(20, rows.Length);
        Assert.All(rows, r => Assert.Equal(1, r % 2));
    }

    [Theory]
    [InlineData(VectorStorage.Sq8, 100, 9)]
    [InlineData(VectorStorage.Sq8, 784, 9)]
    [InlineData(VectorStorage.Sq8, 784, 70)]
    [InlineData(VectorStorage.Fp16, 37, 9)]
    [InlineData(VectorStorage.Fp16, 128, 70)]
    public unsafe void Execute_CodedSource_RanksAsTheDecodedRowsDo(VectorStorage storage, int dimension, int queryCount)
    {
        // 70 queries: more than one 64-query tile, which decodes a group once and reads it back for the second tile.
        const int Count = 700, K = 10;
        var data = SyntheticVectors.Random(Count, dimension, seed: 9);
        var queries = SyntheticVectors.Random(queryCount, dimension, seed: 10);
        var store = Store(data, Count, dimension, VectorMetric.L2);
        Trinity.VectorGpu.Quantization.CodeFormat format = storage == VectorStorage.Sq8
            ? new Trinity.VectorGpu.Quantization.Sq8CodeFormat(Trinity.VectorGpu.Quantization.Sq8Quantizer.Train(Enumerable.Range(0, Count).Select(i => (ReadOnlyMemory<float>)data.AsMemory(i * dimension, dimension)), dimension), store.Stride)
            : new Trinity.VectorGpu.Quantization.Fp16CodeFormat(dimension, store.Stride);
        var codes = GC.AllocateArray<byte>(Count * format.CodeBytes, pinned: true);
        var codeNorms = new float[Count];
        var decoded = new VectorStore(dimension, VectorMetric.L2);
        var row = new float[store.Stride];
        for (var i = 0; i < Count; i++)
        {
            codeNorms[i] = format.Encode(store.Row(i), codes.AsSpan(i * format.CodeBytes, format.CodeBytes));
            fixed (byte* c = codes)
            fixed (float* r = row)
            {
                format.Decode(c + (i * format.CodeBytes), 1, r);
            }

            decoded.Append(row.AsSpan(0, dimension));
            Assert.Equal(decoded.Source.SquaredNorms[i], codeNorms[i], decoded.Source.SquaredNorms[i] * 1e-4f);
            Assert.True(row.AsSpan(dimension).IndexOfAnyExcept(0f) < 0, "padding decodes to zeros");
        }

        fixed (byte* c = codes)
        {
            store.Source.Format = format;
            store.Source.Codes = c;
            store.Source.CodeNorms = codeNorms;
            var coded = Queries(store, queries, queryCount, dimension, K);
            var plain = Queries(decoded, queries, queryCount, dimension, K);
            var device = new CpuVectorDevice();
            device.Execute([new SliceWork(store.Source, 0, Count, coded)]);
            device.Execute([new SliceWork(decoded.Source, 0, Count, plain)]);
            for (var q = 0; q < queryCount; q++)
            {
                Assert.Equal(plain[q].Heap.ToSortedArray().Select(p => p.Row), coded[q].Heap.ToSortedArray().Select(p => p.Row));
            }
        }
    }

    internal static VectorStore Store(float[] data, int count, int dimension, VectorMetric metric)
    {
        var store = new VectorStore(dimension, metric);
        for (var i = 0; i < count; i++)
        {
            store.Append(Prepare(data.AsSpan(i * dimension, dimension), store.Stride, metric).AsSpan(0, dimension));
        }

        return store;
    }

    internal static DeviceQuery Query(VectorStore store, ReadOnlySpan<float> vector, VectorMetric metric, int k) =>
        new(Prepare(vector, store.Stride, metric), metric, k, _ => true);

    /// <summary>L2 queries for the first <paramref name="count"/> vectors of <paramref name="vectors"/>.</summary>
    private static DeviceQuery[] Queries(VectorStore store, float[] vectors, int count, int dimension, int k) =>
        Enumerable.Range(0, count).Select(q => Query(store, vectors.AsSpan(q * dimension, dimension), VectorMetric.L2, k)).ToArray();

    private static float[] Prepare(ReadOnlySpan<float> vector, int stride, VectorMetric metric)
    {
        var padded = new float[stride];
        vector.CopyTo(padded);
        if (metric == VectorMetric.Cosine)
        {
            var norm = MathF.Sqrt(VectorStore.SquaredNorm(padded));
            for (var i = 0; i < vector.Length; i++)
            {
                padded[i] /= norm;
            }
        }

        return padded;
    }
}
