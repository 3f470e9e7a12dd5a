using System.Buffers.Binary;
using System.Net;
using System.Text.Json;

namespace Trinity.Tests.Gateway.OpenAi;

public sealed class EmbeddingsTests(GatewayHostFixture fixture) : IClassFixture<GatewayHostFixture>
{
    private const string Path = "/v1/embeddings";
    private GatewayHost Host => fixture.Host;

    private static float[] Floats(JsonElement embedding) => [.. embedding.EnumerateArray().Select(e => e.GetSingle())];

    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    [Fact]
    public async Task Embeddings_FloatArrayInput_ReturnsNormalisedVectorsInOrder()
    {
        var (response, body) = await Http.PostAsync(Host.Client, Path,
            """{"model":"trinity-hash-embed","input":["how do I reset my password","how can I reset my password","grilled cheese recipe"]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal("trinity-hash-embed", body.GetProperty("model").GetString());
        var data = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], data.Select(d => d.GetProperty("index").GetInt32()));
        Assert.All(data, d => Assert.Equal("embedding", d.GetProperty("object").GetString()));
        var vectors = data.Select(d => Floats(d.GetProperty("embedding"))).ToList();
        Assert.All(vectors, v => Assert.Equal(384, v.Length));
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(Dot(v, v)), 3));
        Assert.True(Dot(vectors[0], vectors[1]) > Dot(vectors[0], vectors[2]) + 0.3);
        var usage = body.GetProperty("usage");
        Assert.Equal(15, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(15, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Embeddings_Base64_DecodesToTheFloatVector()
    {
        var (_, floats) = await Http.PostAsync(Host.Client, Path, """{"model":"trinity-hash-embed","input":"same text","encoding_format":"float"}""");
        var (_, base64) = await Http.PostAsync(Host.Client, Path, """{"model":"trinity-hash-embed","input":"same text","encoding_format":"base64"}""");

        var bytes = Convert.FromBase64String(base64.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        var decoded = Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4))).ToArray();
        Assert.Equal(Floats(floats.GetProperty("data")[0].GetProperty("embedding")), decoded);
    }

    [Fact]
    public async Task Embeddings_TokenArrays_EmbedEqualSequencesEqually()
    {
        var (response, body) = await Http.PostAsync(Host.Client, Path, """{"model":"trinity-hash-embed","input":[[1,2,3],[1,2,3],[9,8]]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var vectors = body.GetProperty("data").EnumerateArray().Select(d => Floats(d.GetProperty("embedding"))).ToList();
        Assert.Equal(vectors[0], vectors[1]);
        Assert.NotEqual(vectors[0], vectors[2]);
        Assert.Equal(8, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Theory]
    [InlineData("{\"model\":\"trinity-hash-embed\"}", HttpStatusCode.BadRequest, "input")]
    [InlineData("{\"input\":\"x\"}", HttpStatusCode.BadRequest, "model")]
    [InlineData("{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}", HttpStatusCode.NotFound, "model")]
    [InlineData("{\"model\":\"trinity-hash-embed\",\"input\":\"\"}", HttpStatusCode.BadRequest, "input")]
    [InlineData("{\"model\":\"trinity-hash-embed\",\"input\":[\"a\",\"\"]}", HttpStatusCode.BadRequest, "input[1]")]
    [InlineData("{\"model\":\"trinity-hash-embed\",\"input\":[]}", HttpStatusCode.BadRequest, "input")]
    [InlineData("{\"model\":\"trinity-hash-embed\",\"input\":\"x\",\"encoding_format\":\"hex\"}", HttpStatusCode.BadRequest, "encoding_format")]
    [InlineData("{\"model\":\"trinity-hash-embed\",\"input\":\"x\",\"dimensions\":12}", HttpStatusCode.BadRequest, "dimensions")]
    [InlineData("{\"model\":\"trinity-hash-embed\",\"input\":[true]}", HttpStatusCode.BadRequest, "input[0]")]
    public async Task Embeddings_InvalidRequest_ReturnsErrorNamingParam(string body, HttpStatusCode status, string param)
    {
        var (response, json) = await Http.PostAsync(Host.Client, Path, body);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(param, Http.AssertError(json).GetProperty("param").GetString());
    }
}
