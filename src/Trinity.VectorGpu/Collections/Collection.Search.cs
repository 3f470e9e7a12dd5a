using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Diagnostics;
using Trinity.VectorGpu.Indexes;
using Trinity.VectorGpu.Scheduling;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Collections;

/// <summary>What the pool's loop asks of a collection around a scan: prepared queries, row predicates, slices, hits.</summary>
internal sealed partial class Collection
{
    /// <summary>A query vector as stored vectors are: normalised for cosine, zero-padded to the stride.</summary>
    public float[] Prepare(ReadOnlySpan<float> vector)
    {
        var padded = new float[_store.Stride];
        vector.CopyTo(padded);
        if (Spec.Metric == VectorMetric.Cosine)
        {
            var norm = MathF.Sqrt(VectorStore.SquaredNorm(padded));
            for (var i = 0; i < vector.Length; i++)
            {
                padded[i] /= norm;
            }
        }

        return padded;
    }

    /// <summary>Row predicate for a query: live, and matching the filter if any. Called by device threads under <see cref="Sync"/>.</summary>
    public Func<int, bool> Acceptor(PayloadFilter? filter) =>
        filter is null ? _points.IsLive : row => _points.IsLive(row) && filter.Matches(_points.PayloadOf(row));

    /// <summary>
    /// Slices a query must scan: its probed IVF lists, or every row when exact (flat, untrained IVF, fallback).
    /// <paramref name="sliceRows"/> is for 128-float rows; wider rows get proportionally fewer, so that a slice is the
    /// same bytes and the same compute per query whatever the dimension (a batch can then share one slice within the
    /// iteration budget instead of splitting into groups that each re-read it). Caller holds <see cref="Sync"/>.
    /// </summary>
    public List<ScanSlice> PlanScan(float[] query, int nprobe, int sliceRows, bool exact)
    {
        // Whole groups of 32 rows: the CPU device tests candidates 32 rows at a time and pair by pair in a short tail.
        sliceRows = Math.Max(256, (int)Math.Min(sliceRows, (long)sliceRows * 128 / _store.Stride) / 32 * 32);
        var slices = new List<ScanSlice>();
        if (!exact && _ivf is { } ivf)
        {
            foreach (var list in ivf.Probe(query, nprobe))
            {
                AddSlices(slices, ivf.List(list).Source, sliceRows);
            }

            return slices;
        }

        AddSlices(slices, _store.Source, sliceRows);
        return slices;
    }

    /// <summary>Whether searches use the IVF lists (false while untrained: exact scans).</summary>
    public bool UsesIndex
    {
        get
        {
            lock (Sync)
            {
                return _ivf is not null;
            }
        }
    }

    public int LiveCount => _points.LiveCount;

    /// <summary>Whether scans read codes (quantized storage, once its format is known) rather than fp32 rows.</summary>
    public bool ScansCodes
    {
        get
        {
            lock (Sync)
            {
                return _ivf is { } ivf ? ivf.Format is not null : _store.Source.Format is not null;
            }
        }
    }

    /// <summary>Turns a query's top-k into hits, dropping rows deleted since they were scanned. Caller holds <see cref="Sync"/>.</summary>
    public List<VectorHit> Resolve(TopKHeap heap)
    {
        var hits = new List<VectorHit>(heap.Count);
        foreach (var (distance, row) in heap.ToSortedArray())
        {
            if (_points.IsLive(row))
            {
                var score = Spec.Metric == VectorMetric.L2 ? Math.Max(0f, distance) : -distance;
                hits.Add(new VectorHit(new PointId(_points.IdOf(row)), score, _points.PayloadOf(row)));
            }
        }

        return hits;
    }

    private static void AddSlices(List<ScanSlice> slices, SliceSource source, int sliceRows)
    {
        for (var start = 0; start < source.Count; start += sliceRows)
        {
            slices.Add(new ScanSlice(source, start, Math.Min(sliceRows, source.Count - start)));
        }
    }
}
