using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;
using Trinity.Engine.KvTransfer;

namespace Trinity.Tests.Engine.Core.Decode;

/// <summary>Continuous batching, PD hand-over, seeds and cancellation in the engine loop.</summary>
public sealed class EngineLoopTests
{
    private static int[] Prompt(string text) => TestModels.TinyModel.Tokenizer.Encode(text);

    [Fact]
    public async Task ExportImport_ContinueEqualsUnsplitRun()
    {
        var model = TestModels.TinyModel;
        using var prefill = new InProcessEngine(model, new EngineOptions());
        using var decode = new InProcessEngine(model, new EngineOptions());
        foreach (var sampling in new[] { SamplingParams.Greedy, new SamplingParams { Temperature = 0.9f, TopP = 0.95f, Seed = 5 } })
        {
            var request = EngineTestExtensions.Request(Prompt("Prefill here, decode there, same tokens."), 20, sampling);
            var (unsplit, unsplitText, _) = await prefill.GenerateAsync(request, CancellationToken.None).CollectAsync();

            var handoff = await prefill.PrefillAsync(request, CancellationToken.None);
            Assert.Equal(KvCacheBlob.HeaderSize + (2L * model.Config.NumLayers * model.Config.NumKvHeads * request.PromptTokens.Count * model.Config.HeadSize * 4), handoff.KvBlob.Length);
            var (split, splitText, finish) = await decode.ContinueAsync(request, handoff, CancellationToken.None).CollectAsync();

            Assert.Equal(unsplit, split);
            Assert.Equal(unsplitText, splitText);
            Assert.Equal(FinishReason.Length, finish);
        }
    }

    [Fact]
    public async Task Batch_GreedyTokensIdenticalAloneOrInBatch()
    {
        var model = TestModels.TinyModel;
        using var engine = new InProcessEngine(model, new EngineOptions { PrefillChunkTokens = 32 });
        string[] texts =
        [
            "Alone or in a batch, the same tokens.",
            "A much longer prompt than the others, so that the batch is left-padded by many positions for the short rows.",
            "short",
            "日本語 and emoji 🎉",
            "Numbers 1234567890 and punctuation !?;:",
        ];
        var alone = new List<int[]>();
        foreach (var text in texts)
        {
            alone.Add((await engine.GenerateAsync(EngineTestExtensions.Request(Prompt(text), 24), CancellationToken.None).CollectAsync()).Tokens);
        }

        // All at once, with different lengths so that they join the batch at different steps and are padded.
        var together = await Task.WhenAll(texts.Select((text, i) =>
            engine.GenerateAsync(EngineTestExtensions.Request(Prompt(text), 24 + (i * 3), id: $"b{i}"), CancellationToken.None).CollectAsync()));

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(alone[i], together[i].Tokens[..24]);
        }
    }

    [Fact]
    public async Task Seed_SameSeedSameTokens_WhateverElseRuns()
    {
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        var sampling = new SamplingParams { Temperature = 1.0f, TopP = 0.9f, TopK = 50, Seed = 1234 };
        var request = EngineTestExtensions.Request(Prompt("Sampling with a seed"), 30, sampling);
        var first = await engine.GenerateAsync(request, CancellationToken.None).CollectAsync();

        var noise = Enumerable.Range(0, 4).Select(i => engine.GenerateAsync(
            EngineTestExtensions.Request(Prompt($"other traffic {i}"), 40, new SamplingParams { Temperature = 1f }, $"n{i}"), CancellationToken.None).CollectAsync()).ToArray();
        var second = await engine.GenerateAsync(request, CancellationToken.None).CollectAsync();
        await Task.WhenAll(noise);

        var otherSeed = await engine.GenerateAsync(request with { Sampling = sampling with { Seed = 4321 } }, CancellationToken.None).CollectAsync();
        Assert.Equal(first.Tokens, second.Tokens);
        Assert.NotEqual(first.Tokens, otherSeed.Tokens);
    }

    [Fact]
    public async Task Cancel_StopsGenerationAndFreesTheSequence()
    {
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        using var cts = new CancellationTokenSource();
        var received = 0;
        var request = EngineTestExtensions.Request(Prompt("cancel me"), 1500);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var output in engine.GenerateAsync(request, cts.Token))
            {
                if (++received == 5)
                {
                    await cts.CancelAsync();
                }
            }
        });

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((engine.Running > 0 || engine.KvBytes > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.Equal(0, engine.Running);
        Assert.Equal(0, engine.KvBytes);
        Assert.Equal(5, received);
    }

    [Fact]
    public async Task StopString_EndsGenerationAndIsNeverEmitted()
    {
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        var prompt = Prompt("stop strings");
        var (_, fullText, _) = await engine.GenerateAsync(EngineTestExtensions.Request(prompt, 40), CancellationToken.None).CollectAsync();
        Assert.True(fullText.Length > 12);
        var stop = fullText.Substring(8, 4);

        var (tokens, text, finish) = await engine.GenerateAsync(EngineTestExtensions.Request(prompt, 40) with { Stop = [stop] }, CancellationToken.None).CollectAsync();

        Assert.Equal(FinishReason.Stop, finish);
        Assert.Equal(fullText[..fullText.IndexOf(stop, StringComparison.Ordinal)], text);
        Assert.DoesNotContain(stop, text, StringComparison.Ordinal);
        Assert.True(tokens.Length < 40);
    }

    [Fact]
    public async Task MaxTokens_EndsWithLength()
    {
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        var (tokens, _, finish) = await engine.GenerateAsync(EngineTestExtensions.Request(Prompt("count"), 7), CancellationToken.None).CollectAsync();
        Assert.Equal(7, tokens.Length);
        Assert.Equal(FinishReason.Length, finish);
    }

    [Fact]
    public void Generate_PromptLongerThanContext_IsRejected()
    {
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        var tooLong = Enumerable.Repeat(65, TestModels.TinyModel.Config.ContextLength).ToArray();
        var error = Assert.Throws<ArgumentException>(() => engine.GenerateAsync(EngineTestExtensions.Request(tooLong, 4), CancellationToken.None));
        Assert.Contains("context length", error.Message, StringComparison.Ordinal);
    }
}
