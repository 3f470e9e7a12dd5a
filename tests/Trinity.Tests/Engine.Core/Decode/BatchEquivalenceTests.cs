using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;
using Trinity.Engine.Model;
using Trinity.Tests.Engine.Core.Model.BuiltIn;

namespace Trinity.Tests.Engine.Core.Decode;

/// <summary>
/// Batching, chunking and the PD split are optimisations on every layout: the shared-buffer (GroupQueryAttention,
/// right padding, KV slots) and the classic one, fp32 and int4. Each request must get exactly the tokens it gets alone.
/// </summary>
public sealed class BatchEquivalenceTests
{
    public static TheoryData<string> Variants => new() { "builder-fp32-llama", "builder-int4-llama", "builder-fp32-qwen2", "builder-int4-phi3", "classic-fp32-llama" };

    private static readonly string[] Texts =
    [
        "A",
        "Sequences of different lengths share one decode batch.",
        "Right padding: every row starts at position zero and the mask gives its length, so rows never see each other's padding.",
        string.Concat(Enumerable.Repeat("A longer prompt is prefilled in chunks while the others decode. ", 6)),
    ];

    private static readonly int[] MaxTokens = [30, 8, 20, 12];

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task JoinAndLeaveAtDifferentSteps_EachRequestGetsItsAloneTokens(string variant)
    {
        var model = LayoutModels.Get(variant);
        Assert.Equal(variant.StartsWith("builder", StringComparison.Ordinal) ? KvLayout.SharedBuffer : KvLayout.Classic, Layout(model));
        var prompts = Texts.Select(t => model.Tokenizer.Encode(t)).ToArray();
        Assert.Equal(4, prompts.Select(p => p.Length).Distinct().Count());

        var alone = new int[prompts.Length][];
        using (var single = new InProcessEngine(model, new EngineOptions()))
        {
            for (var i = 0; i < prompts.Length; i++)
            {
                alone[i] = (await single.GenerateAsync(EngineTestExtensions.Request(prompts[i], MaxTokens[i], id: $"alone{i}"), CancellationToken.None).CollectAsync()).Tokens;
            }
        }

        // One engine, small prefill chunks: a runs; b joins after a's 3rd token and leaves first (a hole in the batch);
        // c joins after a's 6th; d joins once b has left. Prefill chunks run beside decode steps.
        using var engine = new InProcessEngine(model, new EngineOptions { PrefillChunkTokens = 16 });
        var b = new TaskCompletionSource<Task<int[]>>();
        var c = new TaskCompletionSource<Task<int[]>>();
        var a = Collect(engine, prompts[0], MaxTokens[0], "a", count =>
        {
            if (count == 3)
            {
                b.TrySetResult(Collect(engine, prompts[1], MaxTokens[1], "b"));
            }

            if (count == 6)
            {
                c.TrySetResult(Collect(engine, prompts[2], MaxTokens[2], "c"));
            }
        });
        var bTokens = await await b.Task;
        var d = await Collect(engine, prompts[3], MaxTokens[3], "d");

        Assert.Equal(alone[0], await a);
        Assert.Equal(alone[1], bTokens);
        Assert.Equal(alone[2], await await c.Task);
        Assert.Equal(alone[3], d);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task ChunkedPrefill_EqualsOnePass(string variant)
    {
        var model = LayoutModels.Get(variant);
        var prompt = model.Tokenizer.Encode(string.Concat(Enumerable.Repeat("Chunked prefill shares a step's token budget. ", 8)));
        Assert.True(prompt.Length > 64);
        using var onePass = new InProcessEngine(model, new EngineOptions { PrefillChunkTokens = 4096 });
        using var chunked = new InProcessEngine(model, new EngineOptions { PrefillChunkTokens = 16 });

        var expected = await onePass.GenerateAsync(EngineTestExtensions.Request(prompt, 16), CancellationToken.None).CollectAsync();
        var actual = await chunked.GenerateAsync(EngineTestExtensions.Request(prompt, 16), CancellationToken.None).CollectAsync();

        Assert.Equal(expected.Tokens, actual.Tokens);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task ExportImportContinue_EqualsUnsplitRun_WhileOthersDecode(string variant)
    {
        var model = LayoutModels.Get(variant);
        using var prefill = new InProcessEngine(model, new EngineOptions());
        using var decode = new InProcessEngine(model, new EngineOptions());
        var request = EngineTestExtensions.Request(model.Tokenizer.Encode("Prefill here, decode there, same tokens."), 20);
        var unsplit = await prefill.GenerateAsync(request, CancellationToken.None).CollectAsync();

        // The decode engine is busy with another sequence, so the imported cache joins a running batch.
        var other = Collect(decode, model.Tokenizer.Encode("someone else is decoding"), 40, "other");
        var handoff = await prefill.PrefillAsync(request, CancellationToken.None);
        var split = await decode.ContinueAsync(request, handoff, CancellationToken.None).CollectAsync();
        await other;

        Assert.Equal(unsplit.Tokens, split.Tokens);
        Assert.Equal(unsplit.Text, split.Text);
    }

    [Theory]
    [InlineData("builder-fp32-llama")]
    [InlineData("builder-int4-llama")]
    public async Task Batch_TrinityContinuousBatch_EqualsGenAiBatchedGeneration(string variant)
    {
        var model = LayoutModels.Get(variant);
        var random = new Random(3);
        var prompts = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 24).Select(_ => random.Next(32, 127)).ToArray()).ToArray();
        using var reference = new Trinity.Engine.Model.Reference.GenAiReference(model.Directory);
        var expected = reference.GenerateBatch(prompts, 16);

        // GenAI's batch runs to max_length by suppressing end-of-sequence (min_length); ours stops there, so compare
        // each of our answers (without its end-of-sequence token) with the same-length prefix of GenAI's.
        using var engine = new InProcessEngine(model, new EngineOptions());
        var actual = await Task.WhenAll(prompts.Select(async (p, i) =>
            (await engine.GenerateAsync(new GenerationRequest { RequestId = $"g{i}", PromptTokens = p, MaxTokens = 16 }, CancellationToken.None).CollectAsync()).Tokens));

        for (var i = 0; i < prompts.Length; i++)
        {
            var n = model.Config.EosTokenIds.Contains(actual[i][^1]) ? actual[i].Length - 1 : actual[i].Length;
            Assert.Equal(expected[i][..n], actual[i][..n]);
        }
    }

    private static KvLayout Layout(ModelFolder model)
    {
        using var engine = new InProcessEngine(model, new EngineOptions());
        return engine.Layout;
    }

    private static async Task<int[]> Collect(InProcessEngine engine, int[] prompt, int maxTokens, string id, Action<int>? onToken = null)
    {
        var tokens = new List<int>();
        await foreach (var output in engine.GenerateAsync(EngineTestExtensions.Request(prompt, maxTokens, id: id), CancellationToken.None))
        {
            tokens.AddRange(output.Tokens);
            onToken?.Invoke(tokens.Count);
        }

        return [.. tokens];
    }
}
