namespace Trinity.Tokenization.Training;

/// <summary>Counts of adjacent token pairs over a weighted word list, updated incrementally as pairs merge
/// (only the words that contain the merged pair are recounted).</summary>
internal sealed class PairStatistics
{
    private readonly List<List<int>> _words;
    private readonly int[] _weights;
    private readonly Dictionary<long, long> _counts = [];
    private readonly Dictionary<long, HashSet<int>> _wordsByPair = [];

    public PairStatistics(List<(int[] Symbols, int Count)> words)
    {
        _words = words.Select(w => new List<int>(w.Symbols)).ToList();
        _weights = words.Select(w => w.Count).ToArray();
        for (var w = 0; w < _words.Count; w++)
        {
            AddPairs(w, +1);
        }
    }

    /// <summary>The most frequent pair; ties go to the lowest (left, right).</summary>
    public bool TryTakeBest(out int left, out int right)
    {
        var bestKey = -1L;
        var bestCount = 0L;
        foreach (var (key, count) in _counts)
        {
            if (count > bestCount || (count == bestCount && count > 0 && key < bestKey))
            {
                bestKey = key;
                bestCount = count;
            }
        }

        left = (int)(bestKey >> 32);
        right = (int)(bestKey & 0xFFFFFFFF);
        return bestCount > 0;
    }

    /// <summary>Replaces every (left, right) in every word by <paramref name="merged"/>, left to right.</summary>
    public void Merge(int left, int right, int merged)
    {
        var key = Key(left, right);
        if (!_wordsByPair.Remove(key, out var affected))
        {
            return;
        }

        foreach (var w in affected.Order())
        {
            AddPairs(w, -1);
            var word = _words[w];
            for (var i = 0; i < word.Count - 1; i++)
            {
                if (word[i] == left && word[i + 1] == right)
                {
                    word[i] = merged;
                    word.RemoveAt(i + 1);
                }
            }

            AddPairs(w, +1);
        }

        _counts.Remove(key);
    }

    private void AddPairs(int w, int sign)
    {
        var word = _words[w];
        for (var i = 0; i < word.Count - 1; i++)
        {
            var key = Key(word[i], word[i + 1]);
            var count = _counts.GetValueOrDefault(key) + (sign * (long)_weights[w]);
            if (count == 0)
            {
                _counts.Remove(key);
            }
            else
            {
                _counts[key] = count;
            }

            if (sign > 0)
            {
                if (!_wordsByPair.TryGetValue(key, out var set))
                {
                    set = [];
                    _wordsByPair[key] = set;
                }

                set.Add(w);
            }
        }
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
