using Trinity.Common.Time;
using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;
using Trinity.Tests.Common.Time;
using Trinity.VectorGpu.Client;

namespace Trinity.Tests.Engine.Core.Decode;

/// <summary>Retrieval during decode: the sequence leaves the batch, searches at the decode stage, prefills the context
/// in place and rejoins — computing exactly what a prompt with that context appended would.</summary>
public sealed class DecodeRetrievalTests
{
    private const string Template = "\n[context: {context}]\n";

    private static GenerationRequest Request(int[] prompt, int maxTokens, DecodeRetrieval? retrieval) =>
        EngineTestExtensions.Request(prompt, maxTokens) with { Retrieval = retrieval };

    private static DecodeRetrieval Interval(int tokens, double maxWaitMs = 5000) => new()
    {
        Collection = "docs",
        K = 1,
        IntervalTokens = tokens,
        Query = "what is trinity",
        DeadlineMs = 50,
        MaxWaitMs = maxWaitMs,
        Template = Template,
    };

    [Fact]
    public async Task Interval_InjectsContext_TokensEqualPromptWithContextAppended()
    {
        var model = TestModels.TinyModel;
        // On virtual time that never moves the longest wait cannot run out before the pool answers.
        var time = new ManualTimeProvider();
        var pool = new FakeVectorPool([("chunk-1", "Trinity serves retrieval from one shared pool.")], TimeSpan.Zero, time);
        using var engine = new InProcessEngine(model, new EngineOptions(), pool: pool, time: time);
        var prompt = model.Tokenizer.Encode("Tell me about the pool.");

        var (tokens, text, _) = await engine.GenerateAsync(Request(prompt, 16, Interval(8)), CancellationToken.None).CollectAsync();

        // Reference: the first 8 tokens, then a fresh prompt with those tokens and the context appended.
        var context = model.Tokenizer.Encode(Template.Replace("{context}", "Trinity serves retrieval from one shared pool.", StringComparison.Ordinal));
        using var reference = new InProcessEngine(model, new EngineOptions());
        var first = (await reference.GenerateAsync(Request(prompt, 8, null), CancellationToken.None).CollectAsync()).Tokens;
        var second = (await reference.GenerateAsync(Request([.. prompt, .. first, .. context], 8, null), CancellationToken.None).CollectAsync()).Tokens;

        Assert.Equal(16, tokens.Length);
        Assert.Equal(first, tokens[..8]);
        Assert.Equal(second, tokens[8..]);
        Assert.DoesNotContain("[context:", text, StringComparison.Ordinal);
        var search = Assert.Single(pool.Searches);
        Assert.Equal(SearchStage.Decode, search.Stage);
        Assert.StartsWith("what is trinity", search.Text, StringComparison.Ordinal);
        Assert.NotNull(search.Deadline);
    }

    [Fact]
    public async Task Interval_ChunkAlreadySeen_NotInjectedAgain()
    {
        var model = TestModels.TinyModel;
        var pool = new FakeVectorPool([("chunk-1", "Already in the prompt.")], TimeSpan.Zero);
        using var engine = new InProcessEngine(model, new EngineOptions(), pool: pool);
        var prompt = model.Tokenizer.Encode("question");
        var seen = Interval(4) with { SeenChunks = ["chunk-1"] };

        var withSeen = (await engine.GenerateAsync(Request(prompt, 12, seen), CancellationToken.None).CollectAsync()).Tokens;
        var plain = (await engine.GenerateAsync(Request(prompt, 12, null), CancellationToken.None).CollectAsync()).Tokens;

        Assert.Equal(plain, withSeen);
        Assert.Equal(2, pool.Searches.Count);
    }

    [Fact]
    public async Task Interval_SlowPool_GeneratesOnWithoutContextAfterMaxWait()
    {
        // Virtual time: the pool never answers, and the longest wait runs out when the test advances past it.
        var model = TestModels.TinyModel;
        var time = new ManualTimeProvider();
        var pool = new FakeVectorPool([("chunk-1", "too late")], Timeout.InfiniteTimeSpan, time);
        using var engine = new InProcessEngine(model, new EngineOptions(), pool: pool, time: time);
        var prompt = model.Tokenizer.Encode("question");

        var generation = engine.GenerateAsync(Request(prompt, 10, Interval(5, maxWaitMs: 100)), CancellationToken.None).CollectAsync();
        await pool.Searched.WaitAsync(ManualTimeExtensions.Hang);
        await time.StepAsync(TimeSpan.FromMilliseconds(100));
        var (tokens, _, finish) = await generation.WaitAsync(ManualTimeExtensions.Hang);

        Assert.Equal(FinishReason.Length, finish);
        Assert.Equal((await engine.GenerateAsync(Request(prompt, 10, null), CancellationToken.None).CollectAsync()).Tokens, tokens);
    }

    [Fact]
    public async Task Interval_CancelledWhileWaiting_IsFreed()
    {
        var model = TestModels.TinyModel;
        var pool = new FakeVectorPool([("c", "x")], Timeout.InfiniteTimeSpan);
        using var engine = new InProcessEngine(model, new EngineOptions(), pool: pool);
        using var cancel = new CancellationTokenSource();
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var output in engine.GenerateAsync(Request(model.Tokenizer.Encode("q"), 100, Interval(3, maxWaitMs: 60_000)), cancel.Token))
            {
                if (++received == 3)
                {
                    // Once its search has arrived the sequence waits outside the batch for an answer that never comes.
                    await pool.Searched.WaitAsync(ManualTimeExtensions.Hang);
                    await cancel.CancelAsync();
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
    }
}
