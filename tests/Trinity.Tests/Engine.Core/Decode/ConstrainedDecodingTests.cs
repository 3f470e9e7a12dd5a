using System.Text.Json;
using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;

namespace Trinity.Tests.Engine.Core.Decode;

/// <summary>Grammar-constrained sequences on the built-in model: valid output, sharing a batch with free sequences,
/// the prefill → decode hand-over, and logprobs.</summary>
public sealed class ConstrainedDecodingTests
{
    private const string PersonSchema = """
        {"type":"object","properties":{"name":{"type":"string","maxLength":12},"age":{"type":"integer","minimum":0,"maximum":120},
         "tags":{"type":"array","items":{"enum":["a","b","c"]},"minItems":1,"maxItems":3}},
         "required":["name","age","tags"],"additionalProperties":false}
        """;

    private static int[] Prompt(string text) => TestModels.TinyModel.Tokenizer.Encode(text);

    private static GenerationRequest Constrained(string text, TokenConstraint constraint, SamplingParams? sampling = null, int maxTokens = 200, string id = "c") => new()
    {
        RequestId = id,
        PromptTokens = Prompt(text),
        MaxTokens = maxTokens,
        Sampling = sampling ?? SamplingParams.Greedy,
        Constraint = constraint,
    };

    private static void AssertPerson(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal(["name", "age", "tags"], root.EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("name").GetString()!.Length <= 12);
        Assert.InRange(root.GetProperty("age").GetInt32(), 0, 120);
        var tags = root.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray();
        Assert.InRange(tags.Length, 1, 3);
        Assert.All(tags, t => Assert.Contains(t, new[] { "a", "b", "c" }));
    }

    [Fact]
    public async Task GenerateAsync_JsonSchema_GreedyAndSampledOutputsValidate()
    {
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        foreach (var sampling in new[] { SamplingParams.Greedy, new SamplingParams { Temperature = 1f, Seed = 3 }, new SamplingParams { Temperature = 0.7f, TopP = 0.9f, Seed = 8 } })
        {
            var (_, text, finish) = await engine.GenerateAsync(Constrained("Describe a person as JSON.", TokenConstraint.JsonSchema(PersonSchema), sampling), CancellationToken.None).CollectAsync();
            Assert.Equal(FinishReason.Stop, finish);
            AssertPerson(text);
        }
    }

    [Fact]
    public async Task GenerateAsync_JsonObject_IsAnObject()
    {
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        var (_, text, finish) = await engine.GenerateAsync(Constrained("Any object", TokenConstraint.JsonObject, new SamplingParams { Temperature = 1f, Seed = 1 }, maxTokens: 400), CancellationToken.None).CollectAsync();
        if (finish == FinishReason.Stop)
        {
            using var document = JsonDocument.Parse(text);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }
        else
        {
            Assert.StartsWith("{", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GenerateAsync_ConstrainedAndFreeInOneBatch_EachAsAlone()
    {
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        var free = EngineTestExtensions.Request(Prompt("A free sequence among constrained ones."), 30, id: "free");
        var alone = await engine.GenerateAsync(free, CancellationToken.None).CollectAsync();
        var constrainedAlone = await engine.GenerateAsync(Constrained("Person one", TokenConstraint.JsonSchema(PersonSchema), id: "c0"), CancellationToken.None).CollectAsync();

        var runs = new List<Task<(int[] Tokens, string Text, FinishReason? Finish)>>();
        for (var i = 0; i < 4; i++)
        {
            runs.Add(engine.GenerateAsync(Constrained(i == 0 ? "Person one" : $"Person {i}", TokenConstraint.JsonSchema(PersonSchema), id: $"c{i}"), CancellationToken.None).CollectAsync());
        }

        runs.Add(engine.GenerateAsync(free, CancellationToken.None).CollectAsync());
        var results = await Task.WhenAll(runs);

        Assert.Equal(alone.Tokens, results[^1].Tokens);
        Assert.Equal(constrainedAlone.Tokens, results[0].Tokens);
        foreach (var (_, text, _) in results[..^1])
        {
            AssertPerson(text);
        }
    }

    [Fact]
    public async Task ContinueAsync_ConstrainedPrefillThenDecode_EqualsUnsplitRun()
    {
        var model = TestModels.TinyModel;
        using var prefill = new InProcessEngine(model, new EngineOptions());
        using var decode = new InProcessEngine(model, new EngineOptions());
        var request = Constrained("Split the work", TokenConstraint.JsonSchema(PersonSchema), new SamplingParams { Temperature = 0.8f, Seed = 21 });
        var unsplit = await prefill.GenerateAsync(request, CancellationToken.None).CollectAsync();
        var handoff = await prefill.PrefillAsync(request, CancellationToken.None);
        var split = await decode.ContinueAsync(request, handoff, CancellationToken.None).CollectAsync();
        Assert.Equal(unsplit.Tokens, split.Tokens);
        AssertPerson(split.Text);
    }

    [Fact]
    public async Task GenerateAsync_MaxTokensCutsConstrainedOutput_FinishesWithLength()
    {
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        var (tokens, _, finish) = await engine.GenerateAsync(Constrained("Short", TokenConstraint.JsonSchema(PersonSchema), maxTokens: 3), CancellationToken.None).CollectAsync();
        Assert.Equal(3, tokens.Length);
        Assert.Equal(FinishReason.Length, finish);
    }

    [Fact]
    public async Task GenerateAsync_Logprobs_GreedyTokenIsTopOne()
    {
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        var request = EngineTestExtensions.Request(Prompt("Log probabilities please"), 8) with { Logprobs = 5 };
        var count = 0;
        await foreach (var output in engine.GenerateAsync(request, CancellationToken.None))
        {
            for (var i = 0; i < output.Tokens.Length; i++)
            {
                var logprob = Assert.Single(output.Logprobs!);
                Assert.Equal(output.Tokens[i], logprob.Token);
                Assert.Equal(5, logprob.Top.Length);
                Assert.Equal(logprob.Token, logprob.Top[0].Token);
                Assert.Equal(logprob.Logprob, logprob.Top[0].Logprob);
                Assert.True(logprob.Logprob <= 0f);
                count++;
            }
        }

        Assert.Equal(8, count);
    }

    [Fact]
    public void GenerateAsync_UnsupportedSchema_ThrowsArgumentNamingTheKeyword()
    {
        using var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        var request = Constrained("x", TokenConstraint.JsonSchema("""{"type":"object","patternProperties":{"^a":{"type":"string"}}}"""));
        var error = Assert.Throws<ArgumentException>(() => engine.GenerateAsync(request, CancellationToken.None));
        Assert.Contains("patternProperties", error.Message, StringComparison.Ordinal);
    }
}
