using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Devices.Cpu;

/// <summary>
/// The CPU device: the work list is cut into units (a slice's rows, at most <see cref="UnitRows"/>, for all of
/// its queries) run on every core. Within a unit, blocks of <see cref="RowBlock"/> rows stay in L1 while every
/// query tile passes over them (a blocked matrix product), and each query keeps a unit-local top-k merged into
/// its partial top-k at the end, so distances are never stored or sorted in full.
/// </summary>
internal sealed unsafe class CpuVectorDevice : IVectorDevice, IWalkDevice, IDisposable
{
    /// <summary>Rows per unit of parallel work: big enough to amortise a merge, small enough to balance cores.</summary>
    public const int UnitRows = 4096;

    /// <summary>Row × query pairs below which an iteration runs on the calling thread alone.</summary>
    private const long SmallWorkPairs = 8192;

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
        long totalRows = 0;
        foreach (var item in work)
        {
            if (item.Queries.Count > 0)
            {
                totalRows += Math.Max(0, Math.Min(item.Count, item.Source.Count - item.Start));
            }
        }

        // About four units per thread, claimed dynamically, so a thread the OS delays holds up little; big
        // slices are cut, small IVF lists grouped, so that a unit amortises its heaps and merge. Pieces are whole
        // groups of RowBlock rows, which the candidate test takes sixteen at a time.
        var target = (int)Math.Clamp(totalRows / (_workers.Threads * 4), 512, UnitRows) / RowBlock * RowBlock;
        var pairs = work.Sum(w => (long)Math.Max(0, Math.Min(w.Count, w.Source.Count - w.Start)) * w.Queries.Count);
        if (pairs <= SmallWorkPairs)
        {
            // A few small IVF lists for one query: waking another thread costs more than it saves.
            target = int.MaxValue;
        }

        var pieces = new List<ScanPiece>();
        for (var w = 0; w < work.Count; w++)
        {
            var item = work[w];
            var count = Math.Min(item.Count, item.Source.Count - item.Start);
            for (var s = 0; item.Queries.Count > 0 && s < count; s += target)
            {
                pieces.Add(new ScanPiece(w, item.Start + s, Math.Min(target, count - s)));
            }
        }

        if (pieces.Count == 0)
        {
            return;
        }

        var units = new List<(int First, int Count)>();
        for (int first = 0, rows = 0, i = 0; i < pieces.Count; i++)
        {
            rows += pieces[i].Count;
            if (rows >= target || i == pieces.Count - 1)
            {
                units.Add((first, i - first + 1));
                first = i + 1;
                rows = 0;
            }
        }

        using var pack = new QueryPack(work);
        _workers.Run(units.Count, u => RunUnit(work, pack, pieces, units[u].First, units[u].Count));
    }

    /// <summary>
    /// Walks are independent; a unit is a run of consecutive walks (about four units per thread), not one walk, because
    /// walks admitted together sit next to each other in memory and two threads writing neighbouring beams would
    /// share cache lines on every step. A lone walk stays on the caller.
    /// </summary>
    public void Advance(IReadOnlyList<WalkWork> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var size = Math.Max(1, (work.Count + (_workers.Threads * 4) - 1) / (_workers.Threads * 4));
        _workers.Run((work.Count + size - 1) / size, u =>
        {
            for (var i = u * size; i < Math.Min(work.Count, (u + 1) * size); i++)
            {
                work[i].Walk.Advance(work[i].Steps);
            }
        });
    }

    public void Dispose() => _workers.Dispose();

    private static void RunUnit(IReadOnlyList<SliceWork> work, QueryPack pack, List<ScanPiece> pieces, int first, int count)
    {
        var local = new Dictionary<DeviceQuery, TopKHeap>(ReferenceEqualityComparer.Instance);
        for (var p = first; p < first + count; p++)
        {
            var piece = pieces[p];
            var item = work[piece.Work];
            var heaps = new TopKHeap[item.Queries.Count];
            var thresholds = new float[item.Queries.Count];
            for (var i = 0; i < heaps.Length; i++)
            {
                var query = item.Queries[i];
                if (!local.TryGetValue(query, out var heap))
                {
                    heap = new TopKHeap(query.Heap.K);
                    local.Add(query, heap);
                }

                heaps[i] = heap;
                lock (query.Sync)
                {
                    // Start from the query's current k-th distance so rows that cannot enter are skipped cheaply.
                    thresholds[i] = query.Heap.Threshold;
                }
            }

            Scan(item, (float**)pack.Tables[piece.Work], piece.Start, piece.Count, heaps, thresholds);
        }

        foreach (var (query, heap) in local)
        {
            lock (query.Sync)
            {
                query.Heap.MergeFrom(heap);
            }
        }
    }

    /// <summary>
    /// Bit r set when row r of a full block may enter the heap (distance ≤ threshold), sixteen rows per compare: once
    /// a heap is full almost no row passes, and at d = 128 the scalar test per pair cost as much as its dot product.
    /// Distances are formed exactly as the scalar path forms them (n − 2·dot, then + ‖q‖²), so the bits are exact.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Candidates(float* line, float[] norms, int r0, bool l2, float qnorm, float threshold)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return uint.MaxValue;
        }

        var limit = Vector512.Create(threshold);
        Vector512<float> lo, hi;
        if (l2)
        {
            ref var n = ref MemoryMarshal.GetArrayDataReference(norms);
            var q = Vector512.Create(qnorm);
            lo = Vector512.LoadUnsafe(ref n, (nuint)r0) - (Vector512.Load(line) * 2f) + q;
            hi = Vector512.LoadUnsafe(ref n, (nuint)(r0 + 16)) - (Vector512.Load(line + 16) * 2f) + q;
        }
        else
        {
            lo = -Vector512.Load(line);
            hi = -Vector512.Load(line + 16);
        }

        return (uint)Vector512.LessThanOrEqual(lo, limit).ExtractMostSignificantBits()
            | ((uint)Vector512.LessThanOrEqual(hi, limit).ExtractMostSignificantBits() << 16);
    }

    // Fully optimised from the first call: tier-0 code of this loop is several times slower, and a pool serves
    // its first queries before tiering would promote it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scan(SliceWork item, float** packed, int start, int count, TopKHeap[] local, float[] thresholds)
    {
        var source = item.Source;
        var queries = item.Queries;
        var nq = queries.Count;
        var stride = source.Stride;

        var l2 = source.Metric == VectorMetric.L2;
        var format = source.Format;
        var norms = format is null ? source.SquaredNorms : source.CodeNorms!;
        var dots = stackalloc float[QueryBlock * RowBlock];

        // Rows per cache block: as many as fit in 16 KiB (half an L1), so every query tile re-reads them from L1. The
        // dot tile still spans a whole group of RowBlock rows (several cache blocks at large d), so that the candidate
        // test runs sixteen rows per compare at any dimension: at d = 784 a block is 4 rows, and testing those pair by
        // pair cost as much as their dot products.
        var rowBlock = Math.Clamp(16384 / (stride * sizeof(float)) / 4 * 4, 4, RowBlock);

        // Quantized rows are decoded a cache block at a time, just before the first query tile reads them, into this
        // tile (room for a whole group, which a batch of more than one query tile reads back from L2).
        var tile = format is null ? null : (float*)NativeMemory.AlignedAlloc((nuint)(RowBlock * stride * sizeof(float)), 64);
        try
        {
            for (var r0 = start; r0 < start + count; r0 += RowBlock)
            {
                var nr = Math.Min(RowBlock, start + count - r0);
                byte* codes = null;
                float* rows;
                if (format is not null)
                {
                    codes = source.Codes + ((long)r0 * format.CodeBytes);
                    if (nq > 1 && Sse.IsSupported)
                    {
                        for (var line = 0; line < RowBlock * format.CodeBytes; line += 64)
                        {
                            Sse.Prefetch0(codes + (RowBlock * format.CodeBytes) + line);
                        }
                    }

                    rows = tile;
                }
                else
                {
                    rows = source.Vectors + ((long)r0 * stride);
                }

                for (var q0 = 0; q0 < nq; q0 += QueryBlock)
                {
                    var nqb = Math.Min(QueryBlock, nq - q0);
                    for (var b = 0; b < nr; b += rowBlock)
                    {
                        // One query tile decodes every block into the tile's start, which stays in L1; more decode
                        // the group whole on their first pass, for the others to read back.
                        var block = codes is not null && nq <= QueryBlock ? tile : rows + ((long)b * stride);
                        var n = Math.Min(rowBlock, nr - b);
                        if (codes is not null && q0 == 0)
                        {
                            format!.Decode(codes + ((long)b * format.CodeBytes), n, block);
                        }
                        else if (format is null && nq > 1 && Sse.IsSupported)
                        {
                            // Batches walk the block once per query tile: have the next block on its way meanwhile
                            // (a lone query prefetches inside its kernel instead).
                            var ahead = (byte*)(block + ((long)rowBlock * stride));
                            for (var line = 0; line < rowBlock * stride * sizeof(float); line += 64)
                            {
                                Sse.Prefetch0(ahead + line);
                            }
                        }

                        DotKernel.Block(packed + q0, nqb, block, n, stride, dots + b, RowBlock, streamed: format is null);
                    }

                    for (var i = 0; i < nqb; i++)
                    {
                        var qi = q0 + i;
                        var query = queries[qi];
                        var heap = local[qi];
                        var threshold = Math.Min(thresholds[qi], heap.Threshold);
                        var qnorm = query.SquaredNorm;
                        var line = dots + (i * RowBlock);
                        var candidates = nr == RowBlock ? Candidates(line, norms, r0, l2, qnorm, threshold) : (1u << nr) - 1;
                        while (candidates != 0)
                        {
                            var r = BitOperations.TrailingZeroCount(candidates);
                            candidates &= candidates - 1;
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
        }
        finally
        {
            NativeMemory.AlignedFree(tile);
        }
    }
}
