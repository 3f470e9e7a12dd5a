using Trinity.Bench.Vector;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Collections;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Devices.Cpu;
using Trinity.VectorGpu.Devices.Ilgpu;

namespace Trinity.Tests.VectorGpu.Devices;

/// <summary>
/// The GPU kernels on ILGPU's CPU accelerator against the CPU device: same work list, identical (distance, row)
/// lists, bit for bit. Collections stay small: the accelerator runs every GPU thread as a host thread.
/// </summary>
public sealed class IlgpuVectorDeviceTests(IlgpuCpuFixture fixture) : IClassFixture<IlgpuCpuFixture>
{
    private readonly IlgpuVectorDevice _device = fixture.Device;

    [Theory]
    [InlineData(VectorMetric.L2, 100)]
    [InlineData(VectorMetric.Ip, 37)]
    [InlineData(VectorMetric.Cosine, 128)]
    public void Execute_FlatScan_EqualsCpuDevice(VectorMetric metric, int dimension)
    {
        const int Count = 900, K = 10;
        var store = CpuVectorDeviceTests.Store(SyntheticVectors.Random(Count, dimension, seed: 11), Count, dimension, metric);
        var queries = SyntheticVectors.Random(5, dimension, seed: 12);

        var (cpu, gpu) = RunBoth(q => [new SliceWork(store.Source, 0, Count, q)], Enumerable.Range(0, 5).Select(i => Spec(store, queries, i, dimension, metric, K)).ToArray());

        AssertIdentical(cpu, gpu);
        Assert.All(gpu, q => Assert.Equal(K, q.Heap.Count));
    }

    [Fact]
    public unsafe void Execute_Sq8CodedSource_EqualsCpuDevice()
    {
        const int Count = 600, Dimension = 40, K = 10;
        var data = SyntheticVectors.Random(Count, Dimension, seed: 13);
        var store = CpuVectorDeviceTests.Store(data, Count, Dimension, VectorMetric.L2);
        var format = new Trinity.VectorGpu.Quantization.Sq8CodeFormat(Trinity.VectorGpu.Quantization.Sq8Quantizer.Train(Enumerable.Range(0, Count).Select(i => (ReadOnlyMemory<float>)data.AsMemory(i * Dimension, Dimension)), Dimension), store.Stride);
        var codes = GC.AllocateArray<byte>(Count * format.CodeBytes, pinned: true);
        var norms = new float[Count];
        for (var i = 0; i < Count; i++)
        {
            norms[i] = format.Encode(store.Row(i), codes.AsSpan(i * format.CodeBytes, format.CodeBytes));
        }

        fixed (byte* c = codes)
        {
            store.Source.Format = format;
            store.Source.Codes = c;
            store.Source.CodeNorms = norms;
            var queries = SyntheticVectors.Random(4, Dimension, seed: 14);
            var (cpu, gpu) = RunBoth(q => [new SliceWork(store.Source, 0, Count, q)], Enumerable.Range(0, 4).Select(i => Spec(store, queries, i, Dimension, VectorMetric.L2, K)).ToArray());
            AssertIdentical(cpu, gpu);
        }
    }

    [Fact]
    public void Execute_MixedKCollectionsAndDimensionsInOneLaunch_EqualsCpuDevice()
    {
        var l2 = CpuVectorDeviceTests.Store(SyntheticVectors.Random(700, 24, seed: 1), 700, 24, VectorMetric.L2);
        var cosine = CpuVectorDeviceTests.Store(SyntheticVectors.Random(400, 40, seed: 2), 400, 40, VectorMetric.Cosine);
        var q24 = SyntheticVectors.Random(6, 24, seed: 3);
        var q40 = SyntheticVectors.Random(2, 40, seed: 4);

        // k = 300 is past what a task keeps on the device (256): it takes the all-rows-kept path.
        var specs = new[]
        {
            Spec(l2, q24, 0, 24, VectorMetric.L2, 1), Spec(l2, q24, 1, 24, VectorMetric.L2, 7), Spec(l2, q24, 2, 24, VectorMetric.L2, 300),
            Spec(l2, q24, 3, 24, VectorMetric.L2, 10), Spec(l2, q24, 4, 24, VectorMetric.L2, 3), Spec(l2, q24, 5, 24, VectorMetric.L2, 64),
            Spec(cosine, q40, 0, 40, VectorMetric.Cosine, 5), Spec(cosine, q40, 1, 40, VectorMetric.Cosine, 400),
        };
        var (cpu, gpu) = RunBoth(
            q => [new SliceWork(l2.Source, 0, 333, q[..6]), new SliceWork(l2.Source, 333, 367, q[..6]), new SliceWork(cosine.Source, 0, 400, q[6..])],
            specs);

        AssertIdentical(cpu, gpu);
        Assert.Equal(300, gpu[2].Heap.Count);
        Assert.Equal(400, gpu[7].Heap.Count);
        Assert.True(_device.LastLaunchGroups > 3, $"one launch of {_device.LastLaunchGroups} groups");
    }

    [Fact]
    public void Execute_FilterAndRemovedPositions_EqualsCpuDeviceAndNeverReturnsThem()
    {
        const int Count = 600, Dimension = 32;
        var data = SyntheticVectors.Random(Count, Dimension, seed: 5);
        var list = new SliceSource(Dimension, 32, VectorMetric.Ip);
        var store = CpuVectorDeviceTests.Store(data, Count, Dimension, VectorMetric.Ip);

        // An IVF-list-like source over the store's vectors: rows 1000 + position, every seventh position removed.
        unsafe
        {
            list.Vectors = store.Source.Vectors;
        }

        list.SquaredNorms = store.Source.SquaredNorms;
        list.RowIds = Enumerable.Range(0, Count).Select(p => p % 7 == 0 ? -1 : 1000 + p).ToArray();
        list.Count = Count;
        var queries = SyntheticVectors.Random(3, Dimension, seed: 6);
        DeviceQuery[] Make() =>
        [
            new(Pad(queries, 0, Dimension, 32), VectorMetric.Ip, 20, row => row % 2 == 0),
            new(Pad(queries, 1, Dimension, 32), VectorMetric.Ip, 15, _ => true) { LivenessOnly = true },
            new(Pad(queries, 2, Dimension, 32), VectorMetric.Ip, 500, row => row % 3 == 1),
        ];

        var cpu = Make();
        var gpu = Make();
        using (var reference = new CpuVectorDevice(2))
        {
            reference.Execute([new SliceWork(list, 0, Count, cpu)]);
        }

        _device.Execute([new SliceWork(list, 0, Count, gpu)]);

        AssertIdentical(cpu, gpu);
        Assert.All(gpu[0].Heap.ToSortedArray(), c => Assert.Equal(0, c.Row % 2));
        Assert.All(gpu.SelectMany(q => q.Heap.ToSortedArray()), c => Assert.NotEqual(0, (c.Row - 1000) % 7));
        Assert.Equal(Enumerable.Range(0, Count).Count(p => p % 7 != 0 && (1000 + p) % 3 == 1), gpu[2].Heap.Count);
    }

    [Fact]
    public void Execute_EqualDistances_TieBrokenByRowOnBothDevices()
    {
        const int Count = 300, Dimension = 16;

        // Ten distinct vectors repeated: every distance occurs 30 times, so k = 45 cuts through a tie.
        var distinct = SyntheticVectors.Random(10, Dimension, seed: 9);
        var data = Enumerable.Range(0, Count).SelectMany(i => distinct.AsSpan(i % 10 * Dimension, Dimension).ToArray()).ToArray();
        var store = CpuVectorDeviceTests.Store(data, Count, Dimension, VectorMetric.L2);
        var queries = SyntheticVectors.Random(2, Dimension, seed: 10);

        var (cpu, gpu) = RunBoth(q => [new SliceWork(store.Source, 0, 150, q), new SliceWork(store.Source, 150, 150, q)], [Spec(store, queries, 0, Dimension, VectorMetric.L2, 45), Spec(store, queries, 1, Dimension, VectorMetric.L2, 45)]);

        AssertIdentical(cpu, gpu);
        var kept = gpu[0].Heap.ToSortedArray();
        var nearest = kept[0].Row % 10;
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (i * 10) + nearest), kept.Take(30).Select(c => c.Row));
    }

    [Fact]
    public void Execute_AppendUpdateAndDeleteBetweenLaunches_DeviceCopyFollowsAndUploadsOnlyChanges()
    {
        const int Dimension = 48;
        var data = SyntheticVectors.Random(1200, Dimension, seed: 21);
        var store = CpuVectorDeviceTests.Store(data, 800, Dimension, VectorMetric.L2);
        var deleted = new HashSet<int>();
        var queries = SyntheticVectors.Random(2, Dimension, seed: 22);
        DeviceQuery[] Make() => [.. Enumerable.Range(0, 2).Select(i => new DeviceQuery(Pad(queries, i, Dimension, store.Stride), VectorMetric.L2, 25, row => !deleted.Contains(row)) { LivenessOnly = true })];

        _device.Execute([new SliceWork(store.Source, 0, store.Count, Make())]);
        var before = _device.BytesUploaded;

        // Append 400 rows, overwrite row 5 with a query's own vector, delete the current best rows of query 1.
        for (var i = 800; i < 1200; i++)
        {
            store.Append(data.AsSpan(i * Dimension, Dimension));
        }

        store.Set(5, queries.AsSpan(0, Dimension));
        store.Source.Journal.Record(5);
        var probe = Make();
        using (var reference = new CpuVectorDevice(2))
        {
            reference.Execute([new SliceWork(store.Source, 0, store.Count, probe)]);
        }

        foreach (var (_, row) in probe[1].Heap.ToSortedArray().Take(10))
        {
            deleted.Add(row);
            store.Source.Journal.Record(row);
        }

        var (cpu, gpu) = RunBoth(q => [new SliceWork(store.Source, 0, store.Count, q)], Make());

        AssertIdentical(cpu, gpu);
        Assert.Equal(5, gpu[0].Heap.ToSortedArray()[0].Row);
        Assert.DoesNotContain(gpu[1].Heap.ToSortedArray(), c => deleted.Contains(c.Row));
        var rewritten = deleted.Where(r => r < 800).Append(5).Distinct().Count();
        Assert.Equal((400 + rewritten) * (store.Stride + 1) * sizeof(float), _device.BytesUploaded - before);
    }

    private (DeviceQuery[] Cpu, DeviceQuery[] Gpu) RunBoth(Func<DeviceQuery[], SliceWork[]> work, (float[] Vector, VectorMetric Metric, int K, bool LivenessOnly, Func<int, bool> Accept)[] specs) =>
        RunBoth(work, () => [.. specs.Select(s => new DeviceQuery(s.Vector, s.Metric, s.K, s.Accept) { LivenessOnly = s.LivenessOnly })]);

    private (DeviceQuery[] Cpu, DeviceQuery[] Gpu) RunBoth(Func<DeviceQuery[], SliceWork[]> work, DeviceQuery[] specs) =>
        RunBoth(work, () => [.. specs.Select(s => new DeviceQuery(s.Vector, s.Metric, s.Heap.K, s.Accept) { LivenessOnly = s.LivenessOnly })]);

    private (DeviceQuery[] Cpu, DeviceQuery[] Gpu) RunBoth(Func<DeviceQuery[], SliceWork[]> work, Func<DeviceQuery[]> make)
    {
        var cpu = make();
        var gpu = make();
        using (var device = new CpuVectorDevice(2))
        {
            device.Execute(work(cpu));
        }

        _device.Execute(work(gpu));
        return (cpu, gpu);
    }

    private static (float[] Vector, VectorMetric Metric, int K, bool LivenessOnly, Func<int, bool> Accept) Spec(VectorStore store, float[] queries, int index, int dimension, VectorMetric metric, int k) =>
        (CpuVectorDeviceTests.Query(store, queries.AsSpan(index * dimension, dimension), metric, k).Vector, metric, k, true, static _ => true);

    private static float[] Pad(float[] queries, int index, int dimension, int stride)
    {
        var padded = new float[stride];
        queries.AsSpan(index * dimension, dimension).CopyTo(padded);
        return padded;
    }

    private static void AssertIdentical(DeviceQuery[] cpu, DeviceQuery[] gpu)
    {
        Assert.Equal(cpu.Length, gpu.Length);
        for (var i = 0; i < cpu.Length; i++)
        {
            Assert.Equal(cpu[i].Heap.ToSortedArray(), gpu[i].Heap.ToSortedArray());
        }
    }
}
