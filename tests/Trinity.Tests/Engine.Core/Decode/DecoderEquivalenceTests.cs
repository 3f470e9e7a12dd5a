using Microsoft.ML.OnnxRuntime;
using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Model;
using Trinity.Engine.Prefill;
using Trinity.Engine.Sampling;

namespace Trinity.Tests.Engine.Core.Decode;

/// <summary>The KV cache, chunking and batching are optimisations: they must not change what the model computes.</summary>
public sealed class DecoderEquivalenceTests
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void CachedDecode_EqualsFullRecomputation()
    {
        var model = TestModels.TinyModel;
        using var session = DecoderSession.Open(model.Directory, model.Config, 1);
        var prompt = model.Tokenizer.Encode("Decoding with the cache must equal recomputing everything.");
        var vocab = model.Config.VocabSize;

        // Cached: one pass over the prompt, then one token per step.
        var tokens = new List<int>(prompt);
        var cachedLogits = new List<float[]>();
        var (logits, kv) = Forward(session, [.. prompt.Select(t => (long)t)], KvCache.Empty(model.Config, 1), 0);
        for (var step = 0; step < 12; step++)
        {
            var last = LastRow(logits, vocab);
            logits.Dispose();
            cachedLogits.Add(last);
            var next = Sampler.ArgMax(last);
            tokens.Add(next);
            var past = kv;
            (logits, kv) = Forward(session, [(long)next], past, tokens.Count - 1);
            past.Dispose();
        }

        logits.Dispose();
        kv.Dispose();

        // Full recomputation of the whole sequence in one pass, no cache.
        var (full, fullKv) = Forward(session, [.. tokens.Select(t => (long)t)], KvCache.Empty(model.Config, 1), 0);
        fullKv.Dispose();
        using (full)
        {
            var all = full.GetTensorDataAsSpan<float>();
            for (var step = 0; step < cachedLogits.Count; step++)
            {
                var position = prompt.Length - 1 + step;
                var row = all.Slice(position * vocab, vocab).ToArray();
                Assert.Equal(Sampler.ArgMax(row), Sampler.ArgMax(cachedLogits[step]));
                Assert.True(MaxAbsDiff(row, cachedLogits[step]) < Tolerance, $"step {step}: logits differ by {MaxAbsDiff(row, cachedLogits[step])}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void ChunkedPrefill_EqualsOnePass(int chunk)
    {
        var model = TestModels.TinyModel;
        using var session = DecoderSession.Open(model.Directory, model.Config, 1);
        var prompt = model.Tokenizer.Encode(string.Concat(Enumerable.Repeat("Chunked prefill shares a step's token budget. ", 8)));
        Assert.True(prompt.Length > 64);

        var onePass = NewSequence(model, prompt);
        var runner = new PrefillRunner(session);
        Assert.Equal(prompt.Length, runner.RunChunk(onePass, int.MaxValue));

        var chunked = NewSequence(model, prompt);
        var calls = 0;
        while (chunked.CachedTokens < prompt.Length)
        {
            Assert.True(runner.RunChunk(chunked, chunk) <= chunk);
            calls++;
        }

        Assert.Equal((prompt.Length + chunk - 1) / chunk, calls);
        Assert.Equal(onePass.Generated, chunked.Generated);
        for (var l = 0; l < model.Config.NumLayers; l++)
        {
            Assert.True(MaxAbsDiff(onePass.OwnKv!.Keys[l].GetTensorDataAsSpan<float>(), chunked.OwnKv!.Keys[l].GetTensorDataAsSpan<float>()) < Tolerance);
            Assert.True(MaxAbsDiff(onePass.OwnKv!.Values[l].GetTensorDataAsSpan<float>(), chunked.OwnKv!.Values[l].GetTensorDataAsSpan<float>()) < Tolerance);
        }

        onePass.ReleaseKv();
        chunked.ReleaseKv();
    }

    private static Sequence NewSequence(ModelFolder model, int[] prompt) =>
        new(EngineTestExtensions.Request(prompt, 8), model.Tokenizer, model.Config, seed: 1);

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

    private static float MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            max = MathF.Max(max, MathF.Abs(a[i] - b[i]));
        }

        return max;
    }
}
