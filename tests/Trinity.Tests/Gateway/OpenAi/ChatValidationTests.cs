using System.Net;

namespace Trinity.Tests.Gateway.OpenAi;

public sealed class ChatValidationTests(GatewayHostFixture fixture) : IClassFixture<GatewayHostFixture>
{
    private const string Messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    [Theory]
    [InlineData("{" + Messages + "}", "model")]
    [InlineData("{\"model\":\"fake-model\"}", "messages")]
    [InlineData("{\"model\":\"fake-model\",\"messages\":[]}", "messages")]
    [InlineData("{\"model\":\"fake-model\",\"messages\":\"hi\"}", "messages")]
    [InlineData("{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\",\"content\":5}]}", "messages[1].content")]
    [InlineData("{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}]}", "messages[0].content[0].type")]
    [InlineData("{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":3}]}]}", "messages[0].content[0].text")]
    [InlineData("{\"model\":\"fake-model\",\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}", "messages[0].role")]
    [InlineData("{\"model\":\"fake-model\",\"messages\":[{\"content\":\"hi\"}]}", "messages[0].role")]
    [InlineData("{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\"}]}", "messages[0].content")]
    [InlineData("{\"model\":\"fake-model\",\"messages\":[null]}", "messages[0]")]
    [InlineData("{\"model\":\"fake-model\",\"messages\":[7]}", "messages[0]")]
    [InlineData("{\"model\":5," + Messages + "}", "model")]
    [InlineData("{\"model\":\"fake-model\",\"temperature\":2.5," + Messages + "}", "temperature")]
    [InlineData("{\"model\":\"fake-model\",\"temperature\":-0.1," + Messages + "}", "temperature")]
    [InlineData("{\"model\":\"fake-model\",\"temperature\":\"0.5\"," + Messages + "}", "temperature")]
    [InlineData("{\"model\":\"fake-model\",\"top_p\":0," + Messages + "}", "top_p")]
    [InlineData("{\"model\":\"fake-model\",\"top_p\":1.01," + Messages + "}", "top_p")]
    [InlineData("{\"model\":\"fake-model\",\"n\":0," + Messages + "}", "n")]
    [InlineData("{\"model\":\"fake-model\",\"n\":17," + Messages + "}", "n")]
    [InlineData("{\"model\":\"fake-model\",\"n\":1.5," + Messages + "}", "n")]
    [InlineData("{\"model\":\"fake-model\",\"max_tokens\":0," + Messages + "}", "max_tokens")]
    [InlineData("{\"model\":\"fake-model\",\"max_tokens\":99999999999," + Messages + "}", "max_tokens")]
    [InlineData("{\"model\":\"fake-model\",\"max_completion_tokens\":-3," + Messages + "}", "max_completion_tokens")]
    [InlineData("{\"model\":\"fake-model\",\"seed\":1.5," + Messages + "}", "seed")]
    [InlineData("{\"model\":\"fake-model\",\"seed\":1e30," + Messages + "}", "seed")]
    [InlineData("{\"model\":\"fake-model\",\"stream\":\"yes\"," + Messages + "}", "stream")]
    [InlineData("{\"model\":\"fake-model\",\"stream_options\":{\"include_usage\":1}," + Messages + "}", "stream_options.include_usage")]
    [InlineData("{\"model\":\"fake-model\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]," + Messages + "}", "stop")]
    [InlineData("{\"model\":\"fake-model\",\"stop\":[\"a\",3]," + Messages + "}", "stop[1]")]
    [InlineData("{\"model\":\"fake-model\",\"stop\":7," + Messages + "}", "stop")]
    [InlineData("{\"model\":\"fake-model\",\"logprobs\":true,\"top_logprobs\":21," + Messages + "}", "top_logprobs")]
    [InlineData("{\"model\":\"fake-model\",\"top_k\":-2," + Messages + "}", "top_k")]
    public async Task ChatCompletion_InvalidField_Returns400NamingParam(string body, string param)
    {
        var (response, json) = await Http.PostAsync(fixture.Host.Client, "/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Http.AssertError(json);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Contains(param.Split('[', '.')[0], error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"model\":\"fake-model\",", null)]
    [InlineData("[]", null)]
    [InlineData("null", null)]
    [InlineData("", null)]
    [InlineData("{\"model\":\"fake-model\",}", null)]
    [InlineData("{'model':'fake-model'}", null)]
    [InlineData("{\"model\":\"fake-model\" /* c */}", null)]
    public async Task ChatCompletion_MalformedJson_Returns400InvalidJson(string body, string? param)
    {
        var (response, json) = await Http.PostAsync(fixture.Host.Client, "/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Http.AssertError(json);
        Assert.Equal("invalid_json", error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task ChatCompletion_DeepNesting_Returns400()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var (response, json) = await Http.PostAsync(fixture.Host.Client, "/v1/chat/completions", $"{{\"model\":\"fake-model\",\"extra\":{deep}}}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nested too deeply", Http.AssertError(json).GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
