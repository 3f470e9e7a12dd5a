using System.Numerics;
using System.Numerics.Tensors;
using Trinity.Contracts;

namespace Trinity.Engine.Sampling;

/// <summary>
/// Chooses the next token from one row of logits: greedy (first maximum, as ONNX Runtime GenAI does),
/// or temperature sampling restricted by top-k and top-p, drawing from the sequence's own generator so
/// that a seed reproduces the same tokens whatever else is in the batch. A grammar's allowed-token bitmask, when given,
/// restricts every mode: masked tokens get a logit of -inf before the penalty, temperature and top-k/top-p. Scratch
/// buffers are per sequence, so sampling allocates nothing per token.
/// </summary>
internal sealed class Sampler
{
    private readonly SamplingParams _params;
    private readonly float[] _probs;
    private readonly int[] _indices;
    private readonly bool[] _seen;
    private readonly List<int> _seenList = [];
    private readonly float[] _penalized;
    private readonly float[] _masked;
    private Xoshiro256 _rng;

    /// <param name="parameters">The request's sampling settings.</param>
    /// <param name="vocabSize">Logits per row.</param>
    /// <param name="seed">Seed of the sequence's generator.</param>
    /// <param name="constrained">Whether <see cref="Next"/> will be given masks (reserves the masked-logits buffer).</param>
    public Sampler(SamplingParams parameters, int vocabSize, ulong seed, bool constrained = false)
    {
        _masked = constrained ? new float[vocabSize] : [];
        _params = parameters;
        _rng = new Xoshiro256(seed);
        var needsScratch = parameters.Temperature > 0f;
        _probs = needsScratch ? new float[vocabSize] : [];
        _indices = needsScratch ? new int[vocabSize] : [];
        var penalty = parameters.RepetitionPenalty != 1f;
        _seen = penalty ? new bool[vocabSize] : [];
        _penalized = penalty ? new float[vocabSize] : [];
    }

    /// <summary>Records tokens now in the sequence (prompt, sampled or injected), which the repetition penalty
    /// discourages. Free when the penalty is off.</summary>
    public void Observe(ReadOnlySpan<int> tokens)
    {
        if (_seen.Length == 0)
        {
            return;
        }

        foreach (var t in tokens)
        {
            if ((uint)t < (uint)_seen.Length && !_seen[t])
            {
                _seen[t] = true;
                _seenList.Add(t);
            }
        }
    }

    /// <summary>Chooses the next token from <paramref name="logits"/>; with <paramref name="allowed"/> (one bit per token
    /// id, bit <c>id % 32</c> of word <c>id / 32</c>, at least one set) only an allowed token can come out.</summary>
    public int Next(ReadOnlySpan<float> logits, ReadOnlySpan<uint> allowed = default)
    {
        if (!allowed.IsEmpty)
        {
            logits = Mask(logits, allowed);
        }

        if (_seen.Length > 0)
        {
            // GenAI's rule: shrink a seen token's logit toward zero's side by the penalty (divide positive, multiply negative).
            var penalized = _penalized.AsSpan(0, logits.Length);
            logits.CopyTo(penalized);
            var penalty = _params.RepetitionPenalty;
            foreach (var t in _seenList)
            {
                if (t < penalized.Length)
                {
                    penalized[t] = penalized[t] < 0 ? penalized[t] * penalty : penalized[t] / penalty;
                }
            }

            logits = penalized;
        }

        if (_params.Temperature <= 0f)
        {
            return ArgMax(logits);
        }

        var n = logits.Length;
        var probs = _probs.AsSpan(0, n);
        var indices = _indices.AsSpan(0, n);
        var topK = _params.TopK > 0 && _params.TopK < n ? _params.TopK : n;
        var narrowing = topK < n || _params.TopP < 1f;

        // Scaled logits, then (only when top-k/top-p ask for it) candidates sorted by descending logit.
        TensorPrimitives.Divide(logits, _params.Temperature, probs);
        for (var i = 0; i < n; i++)
        {
            indices[i] = i;
        }

        var count = n;
        if (narrowing)
        {
            SortDescending(probs, indices);
            count = topK;
        }

        var max = narrowing ? probs[0] : TensorPrimitives.Max(probs);
        var total = 0.0;
        for (var i = 0; i < count; i++)
        {
            var p = MathF.Exp(probs[i] - max);
            probs[i] = p;
            total += p;
        }

        if (_params.TopP < 1f)
        {
            // Smallest prefix of the sorted candidates whose mass reaches top_p (at least one token).
            var threshold = _params.TopP * total;
            var cumulative = 0.0;
            var kept = 0;
            while (kept < count)
            {
                cumulative += probs[kept++];
                if (cumulative >= threshold)
                {
                    break;
                }
            }

            count = kept;
            total = cumulative;
        }

        var target = _rng.NextDouble() * total;
        var acc = 0.0;
        for (var i = 0; i < count; i++)
        {
            acc += probs[i];
            if (target < acc)
            {
                return indices[i];
            }
        }

        // Rounding left the draw at the very end: the last candidate that has any mass (never a masked-out one).
        for (var i = count - 1; i > 0; i--)
        {
            if (probs[i] > 0f)
            {
                return indices[i];
            }
        }

        return indices[0];
    }

    /// <summary>The logits with every token outside <paramref name="allowed"/> at -inf, in the sequence's own buffer.
    /// Grammar masks are mostly sparse (a few allowed ids) or mostly full (free text inside a string), so whole words
    /// are copied and partial words walked bit by bit.</summary>
    private ReadOnlySpan<float> Mask(ReadOnlySpan<float> logits, ReadOnlySpan<uint> allowed)
    {
        var n = logits.Length;
        var masked = _masked.Length >= n ? _masked.AsSpan(0, n) : throw new InvalidOperationException("the sampler was not created for constrained decoding");
        masked.Fill(float.NegativeInfinity);
        var words = Math.Min(allowed.Length, (n + 31) >> 5);
        for (var w = 0; w < words; w++)
        {
            var bits = allowed[w];
            var start = w << 5;
            if (bits == uint.MaxValue && start + 32 <= n)
            {
                logits.Slice(start, 32).CopyTo(masked.Slice(start, 32));
                continue;
            }

            while (bits != 0)
            {
                var id = start + BitOperations.TrailingZeroCount(bits);
                if (id < n)
                {
                    masked[id] = logits[id];
                }

                bits &= bits - 1;
            }
        }

        return masked;
    }

    /// <summary>Consumes the random draw that sampling one token takes, without sampling: a sequence continued
    /// from another engine's prefill skips the draw that engine made for the first token.</summary>
    public void SkipDraw()
    {
        if (_params.Temperature > 0f)
        {
            _rng.NextDouble();
        }
    }

    /// <summary>Index of the first largest logit (SIMD), the tie-break ONNX Runtime GenAI's greedy search uses.</summary>
    public static int ArgMax(ReadOnlySpan<float> logits) => TensorPrimitives.IndexOfMax(logits);

    /// <summary>Sorts values descending (ties by ascending index, for determinism), carrying the indices along.</summary>
    private static void SortDescending(Span<float> values, Span<int> indices)
    {
        // Negate so that the ascending key sort yields descending logits; Array.Sort on (key, item) spans is
        // introsort, and the index tie-break below makes the order independent of the algorithm.
        TensorPrimitives.Negate(values, values);
        values.Sort(indices);
        TensorPrimitives.Negate(values, values);
        var start = 0;
        for (var i = 1; i <= values.Length; i++)
        {
            if (i == values.Length || values[i] != values[start])
            {
                if (i - start > 1)
                {
                    indices[start..i].Sort();
                }

                start = i;
            }
        }
    }
}
