using System.ClientModel;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using Trinity.Engine.Hosting;
using Trinity.Tests.Gateway.OpenAi;

namespace Trinity.Tests.Gateway.Engines;

/// <summary>The gateway with the real engine and the built-in model, end to end over HTTP.</summary>
public sealed class InProcessEngineGatewayTests(RealModelFixture fixture) : IClassFixture<RealModelFixture>
{
    private const string Model = "trinity-tiny";
    private GatewayHost Host => fixture.Host;

    private static string Chat(string content, string extra) =>
        $$"""{"model":"{{Model}}","messages":[{"role":"user","content":"{{content}}"}]{{extra}}}""";

    private static string Text(JsonElement body) => body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    private async Task<(string Text, string? Finish, int Tokens)> StreamAsync(string body)
    {
        using var response = await Host.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), Http.Json(body));
        var chunks = Sse.Chunks(Sse.Events(await response.Content.ReadAsStringAsync()));
        var text = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var t) ? t.GetString() : string.Empty));
        var finish = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0).Last().GetProperty("choices")[0].GetProperty("finish_reason").GetString();
        return (text, finish, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Chat_TemperatureZero_StreamedAndNotStreamedAgree()
    {
        var (response, complete) = await Http.PostAsync(Host.Client, "/v1/chat/completions", Chat("Tell me about Trinity.", ",\"temperature\":0,\"max_tokens\":24"));
        var streamed = await StreamAsync(Chat("Tell me about Trinity.", ",\"temperature\":0,\"max_tokens\":24,\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Text(complete), streamed.Text);
        Assert.Equal(complete.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), streamed.Finish);
        Assert.Equal(complete.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), streamed.Tokens);
    }

    [Fact]
    public async Task Chat_SameSeed_SameTextWhateverElseRuns()
    {
        var seeded = Chat("Pick some words.", ",\"temperature\":1,\"seed\":99,\"max_tokens\":16,\"ignore_eos\":true");
        var (_, alone) = await Http.PostAsync(Host.Client, "/v1/chat/completions", seeded);
        var noise = Enumerable.Range(0, 3).Select(i => Http.PostAsync(Host.Client, "/v1/chat/completions",
            Chat($"Noise {i}", ",\"temperature\":1,\"max_tokens\":40,\"ignore_eos\":true"))).ToList();
        var (_, busy) = await Http.PostAsync(Host.Client, "/v1/chat/completions", seeded);
        await Task.WhenAll(noise);
        var (_, otherSeed) = await Http.PostAsync(Host.Client, "/v1/chat/completions", seeded.Replace("99", "100", StringComparison.Ordinal));

        Assert.Equal(Text(alone), Text(busy));
        Assert.NotEqual(Text(alone), Text(otherSeed));
    }

    [Fact]
    public async Task Chat_N3WithSeed_ReturnsThreeRepeatableChoices()
    {
        var request = Chat("Three answers.", ",\"n\":3,\"temperature\":0.9,\"seed\":5,\"max_tokens\":12,\"ignore_eos\":true");
        var (response, first) = await Http.PostAsync(Host.Client, "/v1/chat/completions", request);
        var (_, second) = await Http.PostAsync(Host.Client, "/v1/chat/completions", request);

        static List<string?> Texts(JsonElement body) =>
            [.. body.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("message").GetProperty("content").GetString())];
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, Texts(first).Distinct().Count());
        Assert.Equal(Texts(first), Texts(second));
        Assert.Equal(36, first.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Chat_ShortRequest_FinishesWhileLongStreamRuns()
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = Host.BaseAddress };
        using var longRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Http.Json(Chat("Go on forever.", ",\"temperature\":0,\"max_tokens\":1800,\"ignore_eos\":true,\"stream\":true")),
        };
        using var longResponse = await client.SendAsync(longRequest, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await longResponse.Content.ReadAsStreamAsync());
        await reader.ReadLineAsync();

        var (response, body) = await Http.PostAsync(Host.Client, "/v1/chat/completions", Chat("Quick one.", ",\"max_tokens\":4,\"ignore_eos\":true"));
        var engine = Host.App.Services.GetRequiredService<InProcessEngine>();
        var longStillRunning = engine.Running >= 1;
        longResponse.Dispose();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.True(longStillRunning, "the short request waited for the long stream to finish");
    }

    [Fact]
    public async Task Chat_ClientDisconnects_EngineFreesTheSequence()
    {
        // The metric that counts sequences ended by their token limit: one more after a two-token request, and none
        // more after the disconnect, which must end the 1800-token stream before its limit (an order, not a duration).
        var before = await FinishedByLengthAsync();
        await Http.PostAsync(Host.Client, "/v1/chat/completions", Chat("Count me.", ",\"max_tokens\":2,\"ignore_eos\":true"));
        Assert.Equal(before + 1, await FinishedByLengthAsync());

        var engine = Host.App.Services.GetRequiredService<InProcessEngine>();
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Http.Json(Chat("Never stop.", ",\"temperature\":0,\"max_tokens\":1800,\"ignore_eos\":true,\"stream\":true")),
        };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        for (var i = 0; i < 6; i++)
        {
            await reader.ReadLineAsync();
        }

        response.Dispose();
        var watch = Stopwatch.StartNew();
        while (engine.Running > 0 || engine.KvBytes > 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the engine kept the sequence after the client left");
            await Task.Delay(2);
        }

        Assert.Equal(before + 1, await FinishedByLengthAsync());
    }

    private async Task<double> FinishedByLengthAsync()
    {
        var metrics = await Host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return metrics.Split('\n')
            .Where(line => line.StartsWith("trinity_request_success", StringComparison.Ordinal) && line.Contains("finished_reason=\"length\"", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Chat_PromptBeyondContext_Returns400()
    {
        var words = string.Join(' ', Enumerable.Repeat("token", 3000));
        var (response, body) = await Http.PostAsync(Host.Client, "/v1/chat/completions", Chat(words, string.Empty));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("context_length_exceeded", Http.AssertError(body).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Sdk_ChatAndStreamingWithUsage_AgainstRealModel()
    {
        var client = new OpenAIClient(new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = new Uri(Host.BaseAddress, "/v1") })
            .GetChatClient(Model);
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 10 };

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Hello")], options);
        var streamed = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Hello")], options))
        {
            streamed.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            usage ??= update.Usage;
        }

        Assert.Equal(completion.Content[0].Text, streamed.ToString());
        Assert.Equal(completion.Usage.OutputTokenCount, usage?.OutputTokenCount);
        Assert.Equal(completion.Usage.InputTokenCount, usage?.InputTokenCount);
    }
}
