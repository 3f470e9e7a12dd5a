using Trinity.Contracts;
using Trinity.Engine.Sampling;

namespace Trinity.Tests.Engine.Core.Sampling;

public sealed class SamplerTests
{
    private static readonly float[] Logits = [1.0f, 3.0f, 2.0f, 0.5f, 3.0f, -1.0f];

    [Fact]
    public void Greedy_PicksFirstMaximum()
    {
        var sampler = new Sampler(SamplingParams.Greedy, Logits.Length, 1);
        Assert.Equal(1, sampler.Next(Logits));
    }

    [Fact]
    public void TopK1_AlwaysPicksTheMaximum()
    {
        var sampler = new Sampler(new SamplingParams { Temperature = 1.5f, TopK = 1 }, Logits.Length, 7);
        Assert.All(Enumerable.Range(0, 50), _ => Assert.Equal(1, sampler.Next(Logits)));
    }

    [Fact]
    public void TopP_SmallMass_KeepsOnlyTheMostLikely()
    {
        var sampler = new Sampler(new SamplingParams { Temperature = 1f, TopP = 0.05f }, Logits.Length, 3);
        Assert.All(Enumerable.Range(0, 50), _ => Assert.Equal(1, sampler.Next(Logits)));
    }

    [Fact]
    public void TopK2_NeverPicksOutsideTheTwoBest()
    {
        var sampler = new Sampler(new SamplingParams { Temperature = 2f, TopK = 2 }, Logits.Length, 11);
        var seen = Enumerable.Range(0, 400).Select(_ => sampler.Next(Logits)).ToHashSet();
        Assert.Equal(new HashSet<int> { 1, 4 }, seen);
    }

    [Fact]
    public void Temperature_FrequenciesFollowSoftmax()
    {
        var sampler = new Sampler(new SamplingParams { Temperature = 1f }, 2, 42);
        float[] two = [0f, MathF.Log(3f)];
        var ones = Enumerable.Range(0, 20000).Count(_ => sampler.Next(two) == 1);
        Assert.InRange(ones / 20000.0, 0.74, 0.76);
    }

    [Fact]
    public void SameSeed_SameDraws()
    {
        var a = new Sampler(new SamplingParams { Temperature = 1f }, Logits.Length, 99);
        var b = new Sampler(new SamplingParams { Temperature = 1f }, Logits.Length, 99);
        Assert.Equal(Enumerable.Range(0, 100).Select(_ => a.Next(Logits)), Enumerable.Range(0, 100).Select(_ => b.Next(Logits)));
    }
}
