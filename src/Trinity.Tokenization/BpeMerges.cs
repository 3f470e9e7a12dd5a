namespace Trinity.Tokenization;

/// <summary>The merge rules of a BPE vocabulary and the merge loop itself: adjacent pairs merge by rank, lowest
/// first, leftmost on ties, until no pair has a rule. Shared by the byte-level and the SentencePiece-style models,
/// which differ only in how a pre-token becomes its first symbols.</summary>
internal sealed class BpeMerges
{
    private const int LinearScanLimit = 64;

    private readonly Dictionary<long, MergeRule> _rules;

    /// <param name="vocab">Token strings to ids.</param>
    /// <param name="merges">Merge rules in rank order, as pairs of token strings.</param>
    public BpeMerges(Dictionary<string, int> vocab, IReadOnlyList<(string Left, string Right)> merges)
    {
        _rules = new Dictionary<long, MergeRule>(merges.Count);
        for (var rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = merges[rank];
            if (!vocab.TryGetValue(left, out var leftId) || !vocab.TryGetValue(right, out var rightId)
                || !vocab.TryGetValue(string.Concat(left, right), out var mergedId))
            {
                throw new TokenizerFormatException($"Merge '{left} {right}' (rank {rank}) uses a token missing from the vocabulary.");
            }

            // The first rule for a pair wins, as in Hugging Face's loader.
            _rules.TryAdd(Key(leftId, rightId), new MergeRule(rank, mergedId));
        }
    }

    /// <summary>Merges the first <paramref name="count"/> symbols of <paramref name="ids"/> in place and returns how
    /// many symbols remain.</summary>
    public int Apply(int[] ids, int count) => count <= LinearScanLimit ? MergeLinear(ids, count) : MergeWithQueue(ids, count);

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
                if (_rules.TryGetValue(Key(ids[i], ids[i + 1]), out var rule) && rule.Rank < bestRank)
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
                || !_rules.TryGetValue(Key(ids[position], ids[right]), out var rule) || rule.Rank != (int)(priority >> 32))
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
        if (_rules.TryGetValue(Key(ids[left], ids[right]), out var rule))
        {
            queue.Enqueue(left, ((long)rule.Rank << 32) | (uint)left);
        }
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
