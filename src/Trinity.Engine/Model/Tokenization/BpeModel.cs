using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace Trinity.Engine.Model.Tokenization;

/// <summary>Byte-level BPE: a pre-token's UTF-8 bytes start as single-byte tokens and adjacent pairs merge by rank,
/// lowest first, leftmost on ties. Results are cached per pre-token, since text repeats words heavily.</summary>
internal sealed class BpeModel
{
    private const int LinearScanLimit = 64;
    private const int MaxCachedLength = 128;
    private const int CacheCapacity = 65536;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocab;
    private readonly Dictionary<long, MergeRule> _merges;
    private readonly int[] _byteIds;
    private readonly bool _ignoreMerges;
    private readonly ConcurrentDictionary<string, int[]> _cache = new();
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cacheLookup;

    /// <param name="vocab">Byte-level token strings to ids.</param>
    /// <param name="merges">Merge rules in rank order, as pairs of token strings.</param>
    /// <param name="ignoreMerges">A pre-token found whole in the vocabulary is used as is (Llama 3, tiktoken).</param>
    public BpeModel(Dictionary<string, int> vocab, IReadOnlyList<(string Left, string Right)> merges, bool ignoreMerges)
    {
        _vocab = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        _ignoreMerges = ignoreMerges;
        _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();

        _byteIds = new int[256];
        for (var b = 0; b < 256; b++)
        {
            _byteIds[b] = vocab.TryGetValue(ByteLevelAlphabet.ToChar((byte)b).ToString(), out var id) ? id : -1;
        }

        _merges = new Dictionary<long, MergeRule>(merges.Count);
        for (var rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = merges[rank];
            if (!vocab.TryGetValue(left, out var leftId) || !vocab.TryGetValue(right, out var rightId)
                || !vocab.TryGetValue(string.Concat(left, right), out var mergedId))
            {
                throw new TokenizerFormatException($"Merge '{left} {right}' (rank {rank}) uses a token missing from the vocabulary.");
            }

            // The first rule for a pair wins, as in Hugging Face's loader.
            _merges.TryAdd(Key(leftId, rightId), new MergeRule(rank, mergedId));
        }
    }

    /// <summary>Appends the ids of one pre-token.</summary>
    public void Encode(ReadOnlySpan<char> piece, List<int> output)
    {
        if (_cacheLookup.TryGetValue(piece, out var cached))
        {
            output.AddRange(cached);
            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(piece);
        var bytes = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            Encoding.UTF8.GetBytes(piece, bytes);
            var ids = EncodeBytes(bytes.AsSpan(0, byteCount));
            if (piece.Length <= MaxCachedLength)
            {
                if (_cache.Count >= CacheCapacity)
                {
                    _cache.Clear();
                }

                _cacheLookup.TryAdd(piece, ids);
            }

            output.AddRange(ids);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private int[] EncodeBytes(ReadOnlySpan<byte> bytes)
    {
        if (_ignoreMerges && bytes.Length <= 256)
        {
            Span<char> chars = stackalloc char[bytes.Length];
            ByteLevelAlphabet.Encode(bytes, chars);
            if (_vocab.TryGetValue(chars, out var whole))
            {
                return [whole];
            }
        }

        var ids = ArrayPool<int>.Shared.Rent(bytes.Length);
        try
        {
            var count = 0;
            foreach (var b in bytes)
            {
                // A vocabulary without some byte's token cannot spell it; the byte is dropped, as Hugging Face
                // does when there is no unknown token.
                if (_byteIds[b] >= 0)
                {
                    ids[count++] = _byteIds[b];
                }
            }

            count = count <= LinearScanLimit ? MergeLinear(ids, count) : MergeWithQueue(ids, count);
            return ids.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
        }
    }

    /// <summary>Short words: rescan all pairs after each merge (fewer than 64 symbols, so cheaper than a heap).</summary>
    private int MergeLinear(int[] ids, int count)
    {
        while (count > 1)
        {
            var bestRank = int.MaxValue;
            var bestPosition = -1;
            var bestId = 0;
            for (var i = 0; i < count - 1; i++)
            {
                if (_merges.TryGetValue(Key(ids[i], ids[i + 1]), out var rule) && rule.Rank < bestRank)
                {
                    bestRank = rule.Rank;
                    bestPosition = i;
                    bestId = rule.Id;
                }
            }

            if (bestPosition < 0)
            {
                break;
            }

            ids[bestPosition] = bestId;
            Array.Copy(ids, bestPosition + 2, ids, bestPosition + 1, count - bestPosition - 2);
            count--;
        }

        return count;
    }

    /// <summary>Long words: a priority queue of (rank, position) over a linked list, stale entries skipped.</summary>
    private int MergeWithQueue(int[] ids, int count)
    {
        var next = new int[count];
        var previous = new int[count];
        for (var i = 0; i < count; i++)
        {
            next[i] = i + 1;
            previous[i] = i - 1;
        }

        var queue = new PriorityQueue<int, long>();
        for (var i = 0; i < count - 1; i++)
        {
            Enqueue(queue, ids, i, i + 1);
        }

        while (queue.TryDequeue(out var position, out var priority))
        {
            var right = next[position];
            if (ids[position] < 0 || right >= count
                || !_merges.TryGetValue(Key(ids[position], ids[right]), out var rule) || rule.Rank != (int)(priority >> 32))
            {
                continue;
            }

            ids[position] = rule.Id;
            ids[right] = -1;
            next[position] = next[right];
            if (next[right] < count)
            {
                previous[next[right]] = position;
            }

            if (previous[position] >= 0)
            {
                Enqueue(queue, ids, previous[position], position);
            }

            if (next[position] < count)
            {
                Enqueue(queue, ids, position, next[position]);
            }
        }

        var written = 0;
        for (var i = 0; i < count; i = next[i])
        {
            ids[written++] = ids[i];
        }

        return written;
    }

    private void Enqueue(PriorityQueue<int, long> queue, int[] ids, int left, int right)
    {
        if (_merges.TryGetValue(Key(ids[left], ids[right]), out var rule))
        {
            queue.Enqueue(left, ((long)rule.Rank << 32) | (uint)left);
        }
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
