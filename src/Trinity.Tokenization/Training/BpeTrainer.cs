using System.Text;
using Trinity.Tokenization.PreTokenizers;

namespace Trinity.Tokenization.Training;

/// <summary>Learns byte-level BPE merges from a corpus: repeatedly merges the most frequent adjacent pair of
/// tokens within pre-tokens. Deterministic: ties go to the pair with the lowest (left id, right id), so the same
/// corpus and arguments always give the same vocabulary, and a shorter run is a prefix of a longer one.</summary>
internal static class BpeTrainer
{
    /// <summary>Trains up to <paramref name="mergeCount"/> merges (fewer when every pre-token is already one token).</summary>
    /// <param name="corpus">Training text.</param>
    /// <param name="preTokenizer">The pre-tokenizer the resulting tokenizer will use.</param>
    /// <param name="mergeCount">How many merges to learn at most.</param>
    /// <returns>The vocabulary in id order (the 256 byte characters first) and the merges in rank order.</returns>
    public static BpeTrainingResult Train(string corpus, IPreTokenizer preTokenizer, int mergeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mergeCount);
        var vocab = new List<string>(256 + mergeCount);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var b = 0; b < 256; b++)
        {
            var token = ByteLevelAlphabet.ToChar((byte)b).ToString();
            ids[token] = vocab.Count;
            vocab.Add(token);
        }

        var words = CountWords(corpus, preTokenizer);
        var pairs = new PairStatistics(words);
        var merges = new List<(string Left, string Right)>(mergeCount);
        while (merges.Count < mergeCount && pairs.TryTakeBest(out var left, out var right))
        {
            var merged = vocab[left] + vocab[right];
            if (!ids.TryGetValue(merged, out var mergedId))
            {
                mergedId = vocab.Count;
                ids[merged] = mergedId;
                vocab.Add(merged);
            }

            merges.Add((vocab[left], vocab[right]));
            pairs.Merge(left, right, mergedId);
        }

        return new BpeTrainingResult(vocab, merges);
    }

    /// <summary>Pre-tokens of the corpus as byte-id sequences with their counts, in ordinal order of their text.</summary>
    private static List<(int[] Symbols, int Count)> CountWords(string corpus, IPreTokenizer preTokenizer)
    {
        var pieces = new List<ReadOnlyMemory<char>>();
        preTokenizer.Split(corpus.AsMemory(), pieces);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var piece in pieces)
        {
            var key = piece.ToString();
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => (Encoding.UTF8.GetBytes(pair.Key).Select(b => (int)b).ToArray(), pair.Value))
            .ToList();
    }
}
