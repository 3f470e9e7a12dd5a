using System.Runtime.InteropServices;

namespace Trinity.VectorGpu.Devices.Cpu;

/// <summary>
/// An iteration's queries copied once each into one 64-byte aligned native block, with a table of pointers per
/// slice work into it. Queries that advance through a collection out of step (they joined the batch at different
/// iterations) read different slices in different groups; packing a copy per group cost a pinned 200 KiB array per
/// slice at d = 784, over a quarter of the iteration.
/// </summary>
internal sealed unsafe class QueryPack : IDisposable
{
    private readonly byte* _block;
    private readonly float** _tables;

    public QueryPack(IReadOnlyList<SliceWork> work)
    {
        var offsets = new Dictionary<DeviceQuery, long>(ReferenceEqualityComparer.Instance);
        long bytes = 0;
        long entries = 0;
        foreach (var item in work)
        {
            entries += item.Queries.Count;
            foreach (var query in item.Queries)
            {
                if (query.Vector.Length != item.Source.Stride)
                {
                    throw new InvalidOperationException($"query of {query.Vector.Length} floats for a slice of stride {item.Source.Stride}");
                }

                if (offsets.TryAdd(query, bytes))
                {
                    bytes += ((query.Vector.Length * sizeof(float)) + 63) / 64 * 64;
                }
            }
        }

        _block = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, 64), 64);
        _tables = (float**)NativeMemory.Alloc((nuint)Math.Max(entries, 1), (nuint)sizeof(float*));
        foreach (var (query, offset) in offsets)
        {
            query.Vector.AsSpan().CopyTo(new Span<float>(_block + offset, query.Vector.Length));
        }

        Tables = new nint[work.Count];
        long next = 0;
        for (var w = 0; w < work.Count; w++)
        {
            var table = _tables + next;
            Tables[w] = (nint)table;
            var queries = work[w].Queries;
            for (var i = 0; i < queries.Count; i++)
            {
                table[i] = (float*)(_block + offsets[queries[i]]);
            }

            next += queries.Count;
        }
    }

    /// <summary>Per slice work, its queries' pointers (a <c>float**</c>), in the work's query order.</summary>
    public nint[] Tables { get; }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_block);
        NativeMemory.Free(_tables);
    }
}
