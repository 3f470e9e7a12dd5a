using System.Diagnostics;
using System.Numerics;
using Trinity.Grammar.Matching;
using Trinity.Grammar.Vocabulary;

namespace Trinity.Bench.Grammar;

/// <summary>
/// Steps matchers round-robin with a random "model" and times each mask. The model picks EOS when allowed, else
/// with probability 0.3 a token holding a JSON structural byte (so outputs do close strings and objects, as a real
/// model's do), else any allowed token uniformly. A matcher that finishes starts over.
/// </summary>
internal sealed class MaskDriver(CompiledGrammar grammar, int batch, int seed)
{
    private readonly GrammarMatcher[] _matchers = [.. Enumerable.Range(0, batch).Select(_ => grammar.CreateMatcher())];
    private readonly uint[] _mask = new uint[grammar.Vocabulary.MaskWords];
    private readonly List<int> _allowed = [];
    private readonly List<int> _structural = [];
    private readonly Random _random = new(seed);

    public int Completed { get; private set; }

    /// <summary>Runs <paramref name="masks"/> mask computations and returns each one's time in microseconds.</summary>
    public double[] Run(int masks)
    {
        var times = new double[masks];
        var vocabulary = grammar.Vocabulary;
        for (var i = 0; i < masks; i++)
        {
            var matcher = _matchers[i % _matchers.Length];
            var start = Stopwatch.GetTimestamp();
            matcher.FillNextTokenMask(_mask);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            var token = Pick(vocabulary, matcher);
            if (token < 0 || !matcher.Accept(token) || matcher.IsTerminated)
            {
                Completed += token >= 0 && matcher.IsTerminated ? 1 : 0;
                matcher.Reset();
            }
        }

        return times;
    }

    private int Pick(TokenVocabulary vocabulary, GrammarMatcher matcher)
    {
        if (matcher.CanEnd)
        {
            return vocabulary.EosTokenIds[0];
        }

        _allowed.Clear();
        _structural.Clear();
        for (var w = 0; w < _mask.Length; w++)
        {
            for (var bits = _mask[w]; bits != 0; bits &= bits - 1)
            {
                var id = (w * 32) + BitOperations.TrailingZeroCount(bits);
                _allowed.Add(id);
                if (vocabulary.BytesOf(id).IndexOfAny("\",:}]"u8) >= 0)
                {
                    _structural.Add(id);
                }
            }
        }

        var pool = _structural.Count > 0 && _random.NextDouble() < 0.3 ? _structural : _allowed;
        return pool.Count == 0 ? -1 : pool[_random.Next(pool.Count)];
    }
}
