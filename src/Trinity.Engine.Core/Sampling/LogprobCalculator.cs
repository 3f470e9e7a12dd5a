using System.Numerics.Tensors;
using Trinity.Contracts;

namespace Trinity.Engine.Sampling;

/// <summary>
/// Log probabilities of a step from the log-softmax of the model's raw logits (before the repetition penalty, a
/// grammar's mask, temperature and top-k/top-p): the chosen token's and the <c>top</c> most likely tokens', most likely
/// first, ties to the lower id (the tie-break of greedy decoding, so at temperature 0 the chosen token is the first).
/// Only sequences that ask for logprobs create one; its scratch buffer is reused across steps.
/// </summary>
internal sealed class LogprobCalculator(int vocabSize)
{
    private readonly float[] _scratch = new float[vocabSize];
    private readonly int[] _topIds = new int[GenerationRequest.MaxTopLogprobs];
    private readonly float[] _topLogits = new float[GenerationRequest.MaxTopLogprobs];

    public TokenLogprob Compute(ReadOnlySpan<float> logits, int chosen, int top)
    {
        var max = TensorPrimitives.Max(logits);
        var shifted = _scratch.AsSpan(0, logits.Length);
        TensorPrimitives.Subtract(logits, max, shifted);
        TensorPrimitives.Exp(shifted, shifted);
        var logZ = max + MathF.Log(TensorPrimitives.Sum(shifted));
        var count = SelectTop(logits, Math.Clamp(top, 0, GenerationRequest.MaxTopLogprobs));
        var alternatives = new TopLogprob[count];
        for (var i = 0; i < count; i++)
        {
            alternatives[i] = new TopLogprob(_topIds[i], _topLogits[i] - logZ);
        }

        return new TokenLogprob(chosen, logits[chosen] - logZ, alternatives);
    }

    /// <summary>Keeps the <paramref name="top"/> largest logits in descending order (insertion into a short sorted list;
    /// most logits fail the first comparison).</summary>
    private int SelectTop(ReadOnlySpan<float> logits, int top)
    {
        var count = 0;
        for (var id = 0; id < logits.Length && top > 0; id++)
        {
            var value = logits[id];
            if (count == top && !(value > _topLogits[count - 1]))
            {
                continue;
            }

            var at = count < top ? count++ : count - 1;
            while (at > 0 && value > _topLogits[at - 1])
            {
                _topLogits[at] = _topLogits[at - 1];
                _topIds[at] = _topIds[at - 1];
                at--;
            }

            _topLogits[at] = value;
            _topIds[at] = id;
        }

        return count;
    }
}
