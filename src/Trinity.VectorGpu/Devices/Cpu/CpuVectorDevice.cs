using System.Runtime.CompilerServices;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Devices.Cpu;

/// <summary>
/// The CPU device: the work list is cut into units (a slice's rows, at most <see cref="UnitRows"/>, for all of
/// its queries) run on every core. Within a unit, blocks of <see cref="RowBlock"/> rows stay in L1 while every
/// query tile passes over them (a blocked matrix product), and each query keeps a unit-local top-k merged into
/// its partial top-k at the end, so distances are never stored or sorted in full.
/// </summary>
internal sealed unsafe class CpuVectorDevice : IVectorDevice, IDisposable
{
    /// <summary>Rows per unit of parallel work: big enough to amortise a merge, small enough to balance cores.</summary>
    public const int UnitRows = 4096;

    /// <summary>Rows per cache block: 32 rows of 128 floats = 16 KiB, half an L1.</summary>
    private const int RowBlock = 32;

    /// <summary>Queries per pass over a row block; the dot tile (64 × 32 floats) lives on the stack.</summary>
    private const int QueryBlock = 64;

    private readonly CpuWorkers _workers;

    public CpuVectorDevice(int threads = 0)
    {
        _workers = new CpuWorkers(threads > 0 ? threads : Environment.ProcessorCount);
    }

    public string Name => "cpu";

    public void Execute(IReadOnlyList<SliceWork> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var units = new List<(int Work, int Start, int Count)>();
        var packed = new AlignedFloatBuffer[work.Count];
        for (var w = 0; w < work.Count; w++)
        {
            var item = work[w];
            var count = Math.Min(item.Count, item.Source.Count - item.Start);
            if (count <= 0 || item.Queries.Count == 0)
            {
                continue;
            }

            packed[w] = Pack(item);
            var pieces = Math.Max(1, (count + UnitRows - 1) / UnitRows);
            var per = (count + pieces - 1) / pieces;
            for (var s = 0; s < count; s += per)
            {
                units.Add((w, item.Start + s, Math.Min(per, count - s)));
            }
        }

        _workers.Run(units.Count, u => RunUnit(work[units[u].Work], packed[units[u].Work], units[u].Start, units[u].Count));
    }

    public void Dispose() => _workers.Dispose();

    private static AlignedFloatBuffer Pack(SliceWork item)
    {
        var stride = item.Source.Stride;
        var buffer = new AlignedFloatBuffer((long)item.Queries.Count * stride);
        for (var i = 0; i < item.Queries.Count; i++)
        {
            var v = item.Queries[i].Vector;
            if (v.Length != stride)
            {
                throw new InvalidOperationException($"query of {v.Length} floats for a slice of stride {stride}");
            }

            v.CopyTo(buffer.AsSpan((long)i * stride, stride));
        }

        return buffer;
    }

    // Fully optimised from the first call: tier-0 code of this loop is several times slower, and a pool serves
    // its first queries before tiering would promote it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunUnit(SliceWork item, AlignedFloatBuffer packed, int start, int count)
    {
        var source = item.Source;
        var queries = item.Queries;
        var nq = queries.Count;
        var stride = source.Stride;
        var local = new TopKHeap[nq];
        var thresholds = new float[nq];
        for (var i = 0; i < nq; i++)
        {
            local[i] = new TopKHeap(queries[i].Heap.K);
            lock (queries[i].Sync)
            {
                // Start from the query's current k-th distance so rows that cannot enter are skipped cheaply.
                thresholds[i] = queries[i].Heap.Threshold;
            }
        }

        var l2 = source.Metric == VectorMetric.L2;
        var norms = source.SquaredNorms;
        var dots = stackalloc float[QueryBlock * RowBlock];
        for (var r0 = start; r0 < start + count; r0 += RowBlock)
        {
            var nr = Math.Min(RowBlock, start + count - r0);
            var rows = source.Vectors + ((long)r0 * stride);
            for (var q0 = 0; q0 < nq; q0 += QueryBlock)
            {
                var nqb = Math.Min(QueryBlock, nq - q0);
                DotKernel.Block(packed.Pointer + ((long)q0 * stride), nqb, rows, nr, stride, dots, RowBlock);
                for (var i = 0; i < nqb; i++)
                {
                    var qi = q0 + i;
                    var query = queries[qi];
                    var heap = local[qi];
                    var threshold = Math.Min(thresholds[qi], heap.Threshold);
                    var qnorm = query.SquaredNorm;
                    var line = dots + (i * RowBlock);
                    for (var r = 0; r < nr; r++)
                    {
                        var distance = l2 ? norms[r0 + r] - (2f * line[r]) + qnorm : -line[r];
                        if (distance > threshold)
                        {
                            continue;
                        }

                        var row = source.RowAt(r0 + r);
                        if (row < 0 || !query.Accept(row))
                        {
                            continue;
                        }

                        if (heap.TryPush(distance, row))
                        {
                            threshold = Math.Min(thresholds[qi], heap.Threshold);
                        }
                    }
                }
            }
        }

        for (var i = 0; i < nq; i++)
        {
            lock (queries[i].Sync)
            {
                queries[i].Heap.MergeFrom(local[i]);
            }
        }
    }
}
