using System.ClientModel;
using System.Net;
using OpenAI;
using Trinity.Tests.Engine.Core.Model.Embeddings;
using Trinity.Tests.Gateway.OpenAi;

namespace Trinity.Tests.Gateway.Engines;

public sealed class OnnxEmbeddingsGatewayTests(TinyEncoderFixture fixture) : IClassFixture<TinyEncoderFixture>
{
    [Fact]
    public async Task Embeddings_OnnxEncoderConfigured_ServesItUnderItsFolderName()
    {
        var name = Path.GetFileName(fixture.Encoder.Directory);
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Trinity:Embeddings:OnnxModelPath"] = fixture.Encoder.Directory });

        var (response, body) = await Http.PostAsync(host.Client, "/v1/embeddings", $$"""{"model":"{{name}}","input":["hello world","other text"]}""");
        var sdk = new OpenAIClient(new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = new Uri(host.BaseAddress, "/v1") })
            .GetEmbeddingClient(name);
        var viaSdk = (await sdk.GenerateEmbeddingAsync("hello world")).Value.ToFloats().ToArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(name, body.GetProperty("model").GetString());
        var first = body.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var expected = fixture.Encoder.Expected("hello world");
        Assert.Equal(TinyEncoder.Hidden, first.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], first[i], 5);
        }

        Assert.Equal(first, viaSdk);
        Assert.Equal(fixture.Encoder.Tokenizer.Encode("hello world").Length + fixture.Encoder.Tokenizer.Encode("other text").Length,
            body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }
}
