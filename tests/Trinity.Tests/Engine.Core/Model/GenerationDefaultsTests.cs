using System.Text.Json.Nodes;
using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;
using Trinity.Engine.Model;
using Trinity.Engine.Model.Reference;

namespace Trinity.Tests.Engine.Core.Model;

/// <summary><c>genai_config.json</c>'s <c>search</c> section decides what a request leaves out, as in GenAI.</summary>
public sealed class GenerationDefaultsTests
{
    [Fact]
    public void Read_SearchSection_GivesDefaultsAndSharedBuffer()
    {
        var folder = CopyWithSearch(search =>
        {
            search["do_sample"] = true;
            search["temperature"] = 0.6;
            search["top_k"] = 20;
            search["top_p"] = 0.9;
            search["repetition_penalty"] = 1.1;
            search["max_length"] = 300;
            search["past_present_share_buffer"] = true;
        });

        var config = ModelConfigReader.Read(folder);

        Assert.True(config.PastPresentShareBuffer);
        Assert.Equal(new GenerationDefaults { DoSample = true, Temperature = 0.6f, TopK = 20, TopP = 0.9f, RepetitionPenalty = 1.1f, MaxLength = 300 }, config.Search);
    }

    [Fact]
    public void ToSampling_NoTemperature_FollowsDoSample()
    {
        var greedy = new GenerationDefaults { DoSample = false, Temperature = 0.7f, TopK = 1, RepetitionPenalty = 1.2f };
        var sampling = new GenerationDefaults { DoSample = true, Temperature = 0.7f, TopK = 40, TopP = 0.95f };

        Assert.Equal(0f, greedy.ToSampling(null, null, null, null).Temperature);
        Assert.Equal(1.2f, greedy.ToSampling(null, null, null, null).RepetitionPenalty);
        Assert.Equal(new SamplingParams { Temperature = 0.7f, TopK = 40, TopP = 0.95f, Seed = 5 }, sampling.ToSampling(null, null, null, 5));
    }

    [Fact]
    public void ToSampling_RequestTemperature_KeepsItsOwnTopKAndTopP()
    {
        // Published folders often say top_k: 1; a client that asks to sample must not be turned greedy by it.
        var defaults = new GenerationDefaults { DoSample = false, TopK = 1, TopP = 0.5f };

        var sampling = defaults.ToSampling(0.8f, null, null, null);

        Assert.Equal(0.8f, sampling.Temperature);
        Assert.Equal(0, sampling.TopK);
        Assert.Equal(1f, sampling.TopP);
        Assert.Equal(7, defaults.ToSampling(0.8f, null, 7, null).TopK);
    }

    [Fact]
    public async Task RepetitionPenaltyFromConfig_GreedyTokens_EqualGenAi()
    {
        var folder = CopyWithSearch(search =>
        {
            search["do_sample"] = false;
            search["repetition_penalty"] = 1.5;
        });
        var model = ModelFolder.Open(folder, "penalized");
        var sampling = model.Config.Search.ToSampling(null, null, null, null);
        Assert.Equal(1.5f, sampling.RepetitionPenalty);
        var prompt = model.Tokenizer.Encode("the the the the cat sat on the mat and the dog");

        using var reference = new GenAiReference(model.Directory);
        var expected = reference.Generate(prompt, 24, sampling, ignoreEos: true);
        using var engine = new InProcessEngine(model, new EngineOptions());
        var (tokens, _, _) = await engine.GenerateAsync(new GenerationRequest { RequestId = "p", PromptTokens = prompt, MaxTokens = 24, Sampling = sampling, IgnoreEos = true }, CancellationToken.None).CollectAsync();

        Assert.Equal(expected, tokens);
        // The penalty changes the answer (else the test would prove nothing).
        var (plain, _, _) = await engine.GenerateAsync(new GenerationRequest { RequestId = "q", PromptTokens = prompt, MaxTokens = 24, Sampling = SamplingParams.Greedy, IgnoreEos = true }, CancellationToken.None).CollectAsync();
        Assert.NotEqual(plain, tokens);
    }

    /// <summary>A copy of the built-in model whose <c>search</c> section is edited.</summary>
    private static string CopyWithSearch(Action<JsonObject> edit)
    {
        var folder = TestModels.TempDirectory("search");
        foreach (var file in Directory.EnumerateFiles(TestModels.TinyDirectory))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var path = Path.Combine(folder, ModelConfigReader.FileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json["search"]!.AsObject());
        File.WriteAllText(path, json.ToJsonString());
        return folder;
    }
}
