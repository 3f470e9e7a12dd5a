using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Models;
using Trinity.Tests.Gateway.Fakes;

namespace Trinity.Tests.Gateway.OpenAi;

/// <summary>The official OpenAI .NET SDK (2.15.0) as the client, against the gateway on Kestrel.</summary>
public sealed class OpenAiSdkTests(GatewayHostFixture fixture) : IClassFixture<GatewayHostFixture>
{
    private OpenAIClient Client => new(new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = new Uri(fixture.Host.BaseAddress, "/v1") });

    private static string Greedy(string user, int length) =>
        FakeEngine.GreedyText(new FakeTokenizer().Encode(new FakeChatTemplate().Render([new("user", user)])), length);

    [Fact]
    public async Task Sdk_CompleteChat_ReturnsTextFinishReasonAndUsage()
    {
        var chat = Client.GetChatClient(GatewayHost.ModelName);

        ChatCompletion completion = await chat.CompleteChatAsync(
            [new UserChatMessage("hello sdk")],
            new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 8 });

        Assert.Equal(Greedy("hello sdk", 8), Assert.Single(completion.Content).Text);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(GatewayHost.ModelName, completion.Model);
        Assert.Equal(8, completion.Usage.OutputTokenCount);
        Assert.Equal(completion.Usage.InputTokenCount + 8, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Sdk_CompleteChatStreaming_StreamsSameTextAndReportsUsage()
    {
        var chat = Client.GetChatClient(GatewayHost.ModelName);
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        var updates = 0;

        await foreach (var update in chat.CompleteChatStreamingAsync(
            [new SystemChatMessage("be terse"), new UserChatMessage("stream sdk")],
            new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 12 }))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        var prompt = new FakeTokenizer().Encode(new FakeChatTemplate().Render([new("system", "be terse"), new("user", "stream sdk")]));
        Assert.Equal(FakeEngine.GreedyText(prompt, 12), text.ToString());
        Assert.True(updates >= 12);
        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.NotNull(usage);
        Assert.Equal(prompt.Length, usage.InputTokenCount);
        Assert.Equal(12, usage.OutputTokenCount);
    }

    [Fact]
    public async Task Sdk_GenerateEmbeddings_DecodesBase64Vectors()
    {
        var embeddings = Client.GetEmbeddingClient("trinity-hash-embed");

        OpenAIEmbeddingCollection result = await embeddings.GenerateEmbeddingsAsync(["reset my password", "resetting my password", "banana bread"]);

        Assert.Equal(3, result.Count);
        var vectors = result.Select(e => e.ToFloats().ToArray()).ToList();
        Assert.All(vectors, v => Assert.Equal(384, v.Length));
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => x * x)), 3));
        static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
        Assert.True(Dot(vectors[0], vectors[1]) > Dot(vectors[0], vectors[2]));
        Assert.Equal(8, result.Usage.InputTokenCount);
    }

    [Fact]
    public async Task Sdk_GetModels_ListsServedModels()
    {
        OpenAIModelCollection models = await Client.GetOpenAIModelClient().GetModelsAsync();
        OpenAIModel one = await Client.GetOpenAIModelClient().GetModelAsync(GatewayHost.ModelName);

        Assert.Equal([GatewayHost.ModelName, "trinity-hash-embed"], models.Select(m => m.Id));
        Assert.Equal("trinity", one.OwnedBy);
    }

    [Fact]
    public async Task Sdk_UnknownModel_ThrowsWith404AndErrorMessage()
    {
        var chat = Client.GetChatClient("no-such-model");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(404, error.Status);
        Assert.Contains("The model 'no-such-model' does not exist", error.Message, StringComparison.Ordinal);
    }
}
