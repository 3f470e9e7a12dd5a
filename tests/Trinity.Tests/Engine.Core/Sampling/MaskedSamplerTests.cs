using Trinity.Contracts;
using Trinity.Engine.Sampling;

namespace Trinity.Tests.Engine.Core.Sampling;

/// <summary>The sampler under a grammar's allowed-token bitmask, and the raw-logit logprobs.</summary>
public sealed class MaskedSamplerTests
{
    private static readonly float[] Logits = [1.0f, 3.0f, 2.0f, 0.5f, 3.0f, -1.0f];

    private static uint[] Allow(params int[] ids)
    {
        var mask = new uint[1];
        foreach (var id in ids)
        {
            mask[id >> 5] |= 1u << (id & 31);
        }

        return mask;
    }

    [Fact]
    public void Next_GreedyWithMask_PicksBestAllowed()
    {
        var sampler = new Sampler(SamplingParams.Greedy, Logits.Length, 1, constrained: true);
        Assert.Equal(2, sampler.Next(Logits, Allow(0, 2, 3)));
        Assert.Equal(5, sampler.Next(Logits, Allow(5)));
    }

    [Fact]
    public void Next_SamplingWithMask_NeverLeavesTheMask()
    {
        var sampler = new Sampler(new SamplingParams { Temperature = 2f, TopP = 0.99f }, Logits.Length, 17, constrained: true);
        var seen = Enumerable.Range(0, 500).Select(_ => sampler.Next(Logits, Allow(0, 3, 5))).ToHashSet();
        Assert.Equal(new HashSet<int> { 0, 3, 5 }, seen);
    }

    [Fact]
    public void Next_SamplingWithTopKAndPenalty_StaysInsideTheMask()
    {
        var sampler = new Sampler(new SamplingParams { Temperature = 1f, TopK = 3, RepetitionPenalty = 1.3f }, Logits.Length, 5, constrained: true);
        sampler.Observe([1, 4]);
        Assert.All(Enumerable.Range(0, 200), _ => Assert.Contains(sampler.Next(Logits, Allow(3, 5)), new[] { 3, 5 }));
    }

    [Fact]
    public void Next_FullMaskWord_EqualsUnmasked()
    {
        var logits = Enumerable.Range(0, 70).Select(i => MathF.Sin(i * 0.7f)).ToArray();
        var masked = new Sampler(SamplingParams.Greedy, logits.Length, 1, constrained: true);
        uint[] all = [uint.MaxValue, uint.MaxValue, 0b111111];
        Assert.Equal(Sampler.ArgMax(logits), masked.Next(logits, all));
    }

    [Fact]
    public void Compute_Logprobs_AreLogSoftmaxOfRawLogits()
    {
        var calculator = new LogprobCalculator(Logits.Length);
        var result = calculator.Compute(Logits, 2, 3);
        var z = Logits.Sum(l => Math.Exp(l));
        Assert.Equal(Math.Log(Math.Exp(2.0) / z), result.Logprob, 4);
        Assert.Equal([1, 4, 2], result.Top.Select(t => t.Token));
        Assert.Equal(result.Top[0].Logprob, result.Top[1].Logprob);
        Assert.Equal(result.Logprob, result.Top[2].Logprob);
    }

    [Fact]
    public void Compute_ZeroTop_GivesOnlyTheChosenToken()
    {
        var result = new LogprobCalculator(Logits.Length).Compute(Logits, 5, 0);
        Assert.Empty(result.Top);
        Assert.True(result.Logprob < -4f);
    }
}
