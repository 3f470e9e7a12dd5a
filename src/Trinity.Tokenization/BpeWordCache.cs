using System.Collections.Concurrent;

namespace Trinity.Tokenization;

/// <summary>Ids of pre-tokens already encoded: text repeats words heavily. Bounded: cleared when full.</summary>
internal sealed class BpeWordCache
{
    private const int MaxCachedLength = 128;
    private const int Capacity = 65536;

    private readonly ConcurrentDictionary<string, int[]> _cache = new();
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public BpeWordCache() => _lookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();

    public bool TryGet(ReadOnlySpan<char> piece, out int[] ids) => _lookup.TryGetValue(piece, out ids!);

    public void Add(ReadOnlySpan<char> piece, int[] ids)
    {
        if (piece.Length > MaxCachedLength)
        {
            return;
        }

        if (_cache.Count >= Capacity)
        {
            _cache.Clear();
        }

        _lookup.TryAdd(piece, ids);
    }
}
