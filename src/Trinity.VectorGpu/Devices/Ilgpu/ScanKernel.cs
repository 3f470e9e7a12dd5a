using ILGPU;
using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Devices.Ilgpu;

/// <summary>
/// The fused scan kernel: one thread group per <see cref="ScanTask"/>. Rows are taken <see cref="ChunkRows"/> at a
/// time; a team of <see cref="Lanes"/> threads computes a row's dot products with every query of the task (lane j
/// owns elements j, j+16, …, so a team reads 64 contiguous bytes per step), the lanes are summed, masked rows
/// dropped, each query's chunk is sorted (bitonic) and merged into its running top-k in shared memory. Only the
/// kept candidates leave the device, never the distances.
/// <para>
/// Arithmetic mirrors the CPU device exactly (<c>Cpu/DotKernel</c>): lane j accumulates with fused multiply-adds in
/// the same order as the CPU's 16-lane accumulator, and the 16 lanes are added as <c>Cpu/PairReduction</c> adds them
/// (adjacent pairs, then pairs of pairs), so a distance is bit-identical on both devices; candidates are ordered by
/// (distance, row), the order <see cref="TopKHeap"/> uses, so the kept sets are identical too.
/// </para>
/// </summary>
internal static class ScanKernel
{
    /// <summary>Threads per row: the CPU device's accumulator width.</summary>
    public const int Lanes = 16;

    /// <summary>Queries that share one pass over a task's rows (their accumulators live in registers).</summary>
    public const int QueriesPerTask = 4;

    /// <summary>Rows per chunk: the unit of the in-group sort (a power of two).</summary>
    public const int ChunkRows = 64;

    /// <summary>Most candidates a task keeps per query; bigger k is served by tasks of at most this many rows.</summary>
    public const int MaxKeep = 256;

    private const int ChunkEntries = QueriesPerTask * ChunkRows;
    private const int BestEntries = QueriesPerTask * MaxKeep;
    private const int L2 = (int)VectorMetric.L2;

    /// <summary>The kernel entry point (explicitly grouped; the group size is a multiple of <see cref="Lanes"/>).</summary>
    public static void Scan(
        ArrayView<ScanTask> tasks,
        ArrayView<TaskQuery> taskQueries,
        ArrayView<float> floats,
        ArrayView<int> ints,
        ArrayView<float> queries,
        ArrayView<int> masks,
        ArrayView<float> outDistances,
        ArrayView<int> outRows,
        ArrayView<int> outCounts)
    {
        var partial = SharedMemory.Allocate<float>(ChunkEntries * Lanes);
        var chunkD = SharedMemory.Allocate<float>(ChunkEntries);
        var chunkR = SharedMemory.Allocate<int>(ChunkEntries);
        var bestD = SharedMemory.Allocate<float>(2 * BestEntries);
        var bestR = SharedMemory.Allocate<int>(2 * BestEntries);
        // counts[q]: kept candidates of query q; counts[QueriesPerTask * (1 + parity) + q]: candidates of the current
        // chunk that would enter, double-buffered by chunk parity so that resetting them never races a late reader.
        var counts = SharedMemory.Allocate<int>(3 * QueriesPerTask);

        var task = tasks[Grid.IdxX];
        var tid = Group.IdxX;
        var size = Group.DimX;
        var lane = tid % Lanes;
        var team = tid / Lanes;
        var teams = size / Lanes;
        var nq = task.QueryCount;
        var first = task.FirstQuery;
        var q0 = taskQueries[first].Query;
        var q1 = nq > 1 ? taskQueries[first + 1].Query : q0;
        var q2 = nq > 2 ? taskQueries[first + 2].Query : q0;
        var q3 = nq > 3 ? taskQueries[first + 3].Query : q0;
        if (tid < QueriesPerTask)
        {
            counts[tid] = 0;
        }

        var current = 0;
        Group.Barrier();
        for (var chunk = 0; chunk < task.Rows; chunk += ChunkRows)
        {
            var n = Math.Min(ChunkRows, task.Rows - chunk);
            var entering = QueriesPerTask * (1 + ((chunk / ChunkRows) & 1));
            for (var r = team; r < n; r += teams)
            {
                var row = task.Vectors + ((long)(task.Start + chunk + r) * task.Stride);
                float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                for (var c = lane; c < task.Stride; c += Lanes)
                {
                    var x = floats[row + c];
                    a0 = MathF.FusedMultiplyAdd(queries[q0 + c], x, a0);
                    if (nq > 1)
                    {
                        a1 = MathF.FusedMultiplyAdd(queries[q1 + c], x, a1);
                        if (nq > 2)
                        {
                            a2 = MathF.FusedMultiplyAdd(queries[q2 + c], x, a2);
                            if (nq > 3)
                            {
                                a3 = MathF.FusedMultiplyAdd(queries[q3 + c], x, a3);
                            }
                        }
                    }
                }

                partial[(((0 * ChunkRows) + r) * Lanes) + lane] = a0;
                partial[(((1 * ChunkRows) + r) * Lanes) + lane] = a1;
                partial[(((2 * ChunkRows) + r) * Lanes) + lane] = a2;
                partial[(((3 * ChunkRows) + r) * Lanes) + lane] = a3;
            }

            if (tid < QueriesPerTask)
            {
                counts[entering + tid] = 0;
            }

            Group.Barrier();
            for (var e = tid; e < ChunkEntries; e += size)
            {
                var q = e / ChunkRows;
                var r = e % ChunkRows;
                var distance = float.PositiveInfinity;
                var rowId = int.MaxValue;
                if (q < nq && r < n)
                {
                    var dot = Sum16(partial, e * Lanes);
                    var position = task.Start + chunk + r;
                    var owner = task.RowIds < 0 ? position : ints[task.RowIds + position];
                    var tq = taskQueries[first + q];
                    var accepted = owner >= 0 && (tq.Mask < 0 ? Bit(ints, task.Live, position) : Bit(masks, tq.Mask, position - tq.MaskBase));
                    if (accepted)
                    {
                        var d = task.Metric == L2 ? floats[task.Norms + position] - (2f * dot) + tq.SquaredNorm : -dot;

                        // Once the query keeps a full list, only candidates better than its last can enter (the CPU
                        // device's threshold); most chunks then have none, and skip the sort and merge entirely.
                        var last = (current * BestEntries) + (q * MaxKeep) + tq.Keep - 1;
                        if (counts[q] < tq.Keep || Less(d, owner, bestD[last], bestR[last]))
                        {
                            distance = d;
                            rowId = owner;
                            Atomic.Add(ref counts[entering + q], 1);
                        }
                    }
                }

                chunkD[e] = distance;
                chunkR[e] = rowId;
            }

            Group.Barrier();
            var any = false;
            for (var q = 0; q < nq; q++)
            {
                any |= counts[entering + q] > 0;
            }

            if (!any)
            {
                continue;
            }

            SortChunks(chunkD, chunkR, tid, size);
            var next = 1 - current;
            for (var e = tid; e < ChunkEntries; e += size)
            {
                var q = e / ChunkRows;
                var i = e % ChunkRows;
                if (q < nq && i < counts[entering + q])
                {
                    var best = (current * BestEntries) + (q * MaxKeep);
                    var rank = i + CountLess(bestD, bestR, best, counts[q], chunkD[e], chunkR[e]);
                    if (rank < taskQueries[first + q].Keep)
                    {
                        bestD[(next * BestEntries) + (q * MaxKeep) + rank] = chunkD[e];
                        bestR[(next * BestEntries) + (q * MaxKeep) + rank] = chunkR[e];
                    }
                }
            }

            for (var e = tid; e < BestEntries; e += size)
            {
                var q = e / MaxKeep;
                var i = e % MaxKeep;
                if (q < nq && i < counts[q])
                {
                    var from = (current * BestEntries) + e;
                    var rank = i + CountLess(chunkD, chunkR, q * ChunkRows, counts[entering + q], bestD[from], bestR[from]);
                    if (rank < taskQueries[first + q].Keep)
                    {
                        bestD[(next * BestEntries) + (q * MaxKeep) + rank] = bestD[from];
                        bestR[(next * BestEntries) + (q * MaxKeep) + rank] = bestR[from];
                    }
                }
            }

            Group.Barrier();
            if (tid < nq)
            {
                counts[tid] = Math.Min(taskQueries[first + tid].Keep, counts[tid] + counts[entering + tid]);
            }

            current = next;
            Group.Barrier();
        }

        for (var e = tid; e < BestEntries; e += size)
        {
            var q = e / MaxKeep;
            var i = e % MaxKeep;
            if (q < nq && i < counts[q])
            {
                var output = taskQueries[first + q].Output + i;
                outDistances[output] = bestD[(current * BestEntries) + e];
                outRows[output] = bestR[(current * BestEntries) + e];
            }
        }

        if (tid < nq)
        {
            outCounts[first + tid] = counts[tid];
        }
    }

    /// <summary>The 16 lane sums of one (row, query) pair, added in the CPU device's order (<c>Cpu/PairReduction</c>):
    /// halves folded — lane i + lane i+8, then i + i+4 — and the last four as (0 + 2) + (1 + 3).</summary>
    private static float Sum16(ArrayView<float> p, int at)
    {
        var b0 = p[at] + p[at + 8];
        var b1 = p[at + 1] + p[at + 9];
        var b2 = p[at + 2] + p[at + 10];
        var b3 = p[at + 3] + p[at + 11];
        var b4 = p[at + 4] + p[at + 12];
        var b5 = p[at + 5] + p[at + 13];
        var b6 = p[at + 6] + p[at + 14];
        var b7 = p[at + 7] + p[at + 15];
        var c0 = b0 + b4;
        var c1 = b1 + b5;
        var c2 = b2 + b6;
        var c3 = b3 + b7;
        return (c0 + c2) + (c1 + c3);
    }

    private static bool Bit(ArrayView<int> words, long offset, int index) => ((words[offset + (index >> 5)] >> (index & 31)) & 1) != 0;

    /// <summary>(distance, row) order: <see cref="TopKHeap"/>'s total order.</summary>
    private static bool Less(float d1, int r1, float d2, int r2) => d1 < d2 || (d1 == d2 && r1 < r2);

    /// <summary>Entries of the sorted run [from, from + count) that come before (d, r).</summary>
    private static int CountLess(ArrayView<float> d, ArrayView<int> r, int from, int count, float distance, int row)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (Less(d[from + mid], r[from + mid], distance, row))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Bitonic sort of each query's <see cref="ChunkRows"/> entries, ascending; masked entries (+∞, int.MaxValue) sort last.</summary>
    private static void SortChunks(ArrayView<float> d, ArrayView<int> r, int tid, int size)
    {
        for (var k = 2; k <= ChunkRows; k <<= 1)
        {
            for (var j = k >> 1; j > 0; j >>= 1)
            {
                for (var e = tid; e < ChunkEntries; e += size)
                {
                    var l = e % ChunkRows;
                    var partner = l ^ j;
                    if (partner > l)
                    {
                        var b = e - l + partner;
                        var ascending = (l & k) == 0;
                        if (Less(d[b], r[b], d[e], r[e]) == ascending)
                        {
                            (d[e], d[b]) = (d[b], d[e]);
                            (r[e], r[b]) = (r[b], r[e]);
                        }
                    }
                }

                Group.Barrier();
            }
        }
    }
}
