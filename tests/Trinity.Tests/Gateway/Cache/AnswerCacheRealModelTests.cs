using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Trinity.Gateway.Cache;
using Trinity.Tests.Gateway.OpenAi;
using static Trinity.Tests.Gateway.Cache.CacheGateway;

namespace Trinity.Tests.Gateway.Cache;

/// <summary>The cache in front of the real engine and the built-in trinity-tiny model.</summary>
public sealed class AnswerCacheRealModelTests : IDisposable
{
    private readonly string _home = TestModels.TempDirectory("answer-cache-real");

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task ChatCompletion_RealModelRepeated_HitWithTheGeneratedTextStreamedAndNot()
    {
        await using var host = await GatewayHost.StartWithModelAsync(TestModels.TinyDirectory, new Dictionary<string, string?> { ["Trinity:Home"] = _home });
        await host.App.Services.GetRequiredService<AnswerCache>().Initialized;
        const string Body = """{"model":"trinity-tiny","messages":[{"role":"user","content":"Tell me about caches."}],"max_tokens":12,"temperature":0}""";
        const string Streamed = """{"model":"trinity-tiny","messages":[{"role":"user","content":"Tell me about caches."}],"max_tokens":12,"temperature":0,"stream":true,"stream_options":{"include_usage":true}}""";

        var (first, generated) = await SendAsync(host, Body);
        var (second, cached) = await SendAsync(host, Body);
        var stream = await host.Client.PostAsync(new Uri(ChatPath, UriKind.Relative), Http.Json(Streamed));
        var chunks = Sse.Chunks(Sse.Events(await stream.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("miss", Status(first));
        Assert.Equal("hit", Status(second));
        Assert.Equal("hit", Status(stream));
        Assert.False(string.IsNullOrEmpty(Text(generated)));
        Assert.Equal(Text(generated), Text(cached));
        Assert.Equal(generated.GetProperty("usage").GetRawText(), cached.GetProperty("usage").GetRawText());
        var streamedText = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var t) ? t.GetString() : string.Empty));
        Assert.Equal(Text(generated), streamedText);
        Assert.Equal(generated.GetProperty("usage").GetRawText(), chunks[^1].GetProperty("usage").GetRawText());
    }
}
