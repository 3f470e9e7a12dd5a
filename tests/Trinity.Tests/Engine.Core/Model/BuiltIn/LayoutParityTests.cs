using Microsoft.ML.OnnxRuntime;
using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;
using Trinity.Engine.Model;
using Trinity.Engine.Model.Reference;
using Trinity.Engine.Sampling;

namespace Trinity.Tests.Engine.Core.Model.BuiltIn;

/// <summary>
/// Every layout, precision and family runs in ONNX Runtime GenAI 0.20 and in Trinity's engine, and the two agree
/// token for token (single sequence, batch 1); the builder layout computes what the classic one does.
/// </summary>
public sealed class LayoutParityTests
{
    private static readonly string[] Prompts =
    [
        "Hello, world!",
        "<|im_start|>user\nWhat is PD disaggregation?<|im_end|>\n<|im_start|>assistant\n",
        // Longer than the engine's 512-token prefill chunk: a second chunk runs as GQA's "subsequent prompt".
        string.Concat(Enumerable.Repeat("The shared vector pool serves every retrieval of every request. ", 20)),
    ];

    [Theory]
    [MemberData(nameof(LayoutModels.All), MemberType = typeof(LayoutModels))]
    public async Task GreedyTokens_TrinityAndGenAi_AreIdentical(string variant)
    {
        var model = LayoutModels.Get(variant);
        using var reference = new GenAiReference(model.Directory);
        using var engine = new InProcessEngine(model, new EngineOptions());
        foreach (var prompt in Prompts)
        {
            var tokens = model.Tokenizer.Encode(prompt);
            Assert.Equal(reference.Encode(prompt), tokens);
            Assert.True(tokens.Length + 24 <= model.Config.ContextLength);
            var expected = reference.Generate(tokens, 24, SamplingParams.Greedy);
            var request = new GenerationRequest { RequestId = "layout", PromptTokens = tokens, MaxTokens = 24 };
            var (actual, _, finish) = await engine.GenerateAsync(request, CancellationToken.None).CollectAsync();

            if (expected.Length < 24)
            {
                // GenAI stopped on an end-of-sequence token, which it does not report; Trinity emits it.
                Assert.Equal(FinishReason.Stop, finish);
                Assert.Contains(actual[^1], model.Config.EosTokenIds);
                actual = actual[..^1];
            }

            Assert.True(expected.SequenceEqual(actual), $"{variant}, prompt of {tokens.Length} tokens: GenAI [{string.Join(',', expected)}], Trinity [{string.Join(',', actual)}]");
        }
    }

    [Theory]
    [MemberData(nameof(LayoutModels.All), MemberType = typeof(LayoutModels))]
    public void Open_Session_PositionIdsOnlyInTheClassicLayout(string variant)
    {
        var model = LayoutModels.Get(variant);
        using var session = DecoderSession.Open(model.Directory, model.Config, 1);
        Assert.Equal(variant.StartsWith("classic", StringComparison.Ordinal), session.HasPositionIds);
    }

    [Fact]
    public void Logits_BuilderAndClassicSameSeed_Agree()
    {
        // Same seed, same weights: GroupQueryAttention with fused rotary must compute what the standard-op graph does,
        // over the prompt and over cached decode steps.
        var builder = LayoutModels.Get("builder-fp32-llama");
        var classic = LayoutModels.Get("classic-fp32-llama");
        using var builderSession = DecoderSession.Open(builder.Directory, builder.Config, 1);
        using var classicSession = DecoderSession.Open(classic.Directory, classic.Config, 1);
        var prompt = builder.Tokenizer.Encode("Grouped-query attention with the rotary embedding fused in.").Select(t => (long)t).ToArray();
        var vocab = builder.Config.VocabSize;

        var (a, aKv) = Forward(builderSession, prompt, KvCache.Empty(builder.Config, 1), 0);
        var (b, bKv) = Forward(classicSession, prompt, KvCache.Empty(classic.Config, 1), 0);
        var position = prompt.Length;
        for (var step = 0; step < 8; step++)
        {
            float[] lastA = LastRow(a, vocab), lastB = LastRow(b, vocab);
            a.Dispose();
            b.Dispose();
            Assert.True(MaxAbsDiff(lastA, lastB) < 1e-3f, $"step {step}: logits differ by {MaxAbsDiff(lastA, lastB)}");
            var next = Sampler.ArgMax(lastA);
            Assert.Equal(next, Sampler.ArgMax(lastB));
            KvCache pastA = aKv, pastB = bKv;
            (a, aKv) = Forward(builderSession, [next], pastA, position);
            (b, bKv) = Forward(classicSession, [next], pastB, position);
            pastA.Dispose();
            pastB.Dispose();
            position++;
        }

        a.Dispose();
        b.Dispose();
        aKv.Dispose();
        bKv.Dispose();
    }

    private static (OrtValue Logits, KvCache Present) Forward(DecoderSession session, long[] ids, KvCache past, int start)
    {
        var total = start + ids.Length;
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]);
        using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, total).ToArray(), [1, total]);
        using var positions = OrtValue.CreateTensorValueFromMemory(Enumerable.Range(start, ids.Length).Select(i => (long)i).ToArray(), [1, ids.Length]);
        return session.Run(idsValue, mask, positions, past, total);
    }

    private static float[] LastRow(OrtValue logits, int vocab)
    {
        var all = logits.GetTensorDataAsSpan<float>();
        return all.Slice(all.Length - vocab, vocab).ToArray();
    }

    private static float MaxAbsDiff(float[] a, float[] b) => a.Zip(b, (x, y) => MathF.Abs(x - y)).Max();
}
