using System.Buffers;
using System.Runtime.CompilerServices;

namespace Trinity.VectorGpu.Indexes;

/// <summary>
/// Nodes a graph walk has already scored: one bit per node, rented from the shared pool and returned when the walk
/// ends. Belongs to one walk (a query's state), so it survives between iterations; grows when the graph does.
/// </summary>
internal sealed class VisitedSet
{
    private ulong[] _bits;

    public VisitedSet(int nodes)
    {
        _bits = Rent(nodes);
    }

    /// <summary>Marks <paramref name="node"/>; false when it was already marked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(int node)
    {
        var word = node >> 6;
        if (word >= _bits.Length)
        {
            Grow(node);
        }

        var mask = 1UL << (node & 63);
        ref var slot = ref _bits[word];
        if ((slot & mask) != 0)
        {
            return false;
        }

        slot |= mask;
        return true;
    }

    /// <summary>Returns the bits to the pool; the set must not be used afterwards.</summary>
    public void Release()
    {
        if (_bits.Length > 0)
        {
            ArrayPool<ulong>.Shared.Return(_bits);
            _bits = [];
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int node)
    {
        var grown = Rent(Math.Max(node + 1, _bits.Length * 128));
        _bits.AsSpan().CopyTo(grown);
        Release();
        _bits = grown;
    }

    private static ulong[] Rent(int nodes)
    {
        var words = Math.Max(1, (nodes + 63) >> 6);
        var bits = ArrayPool<ulong>.Shared.Rent(words);
        Array.Clear(bits);
        return bits;
    }
}
