using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Trinity.Tests.Gateway.OpenAi;

/// <summary>At least 200 malformed or adversarial bodies per POST endpoint: every answer is a 4xx in the error shape,
/// never a 5xx, and the server is healthy afterwards.</summary>
public sealed class FuzzTests
{
    private static readonly Dictionary<string, (string Valid, Dictionary<string, string[]> Bad, string BigField)> Endpoints = new()
    {
        ["/v1/chat/completions"] = (
            """{"model":"fake-model","messages":[{"role":"user","content":"hello there"}],"temperature":0.5,"top_p":0.9,"n":1,"max_tokens":4,"seed":3,"stream":false,"stop":["x"],"top_k":5,"stream_options":{"include_usage":true}}""",
            new()
            {
                ["model"] = ["5", "null", "[]", "{}", "true", "\"\"", "\"no-such-model\""],
                ["messages"] = ["null", "\"x\"", "5", "{}", "[]", "[1]", "[null]", "[[]]", "[{\"role\":5,\"content\":\"x\"}]",
                    "[{\"role\":\"user\",\"content\":5}]", "[{\"role\":\"user\",\"content\":[1]}]", "[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]",
                    "[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]", "[{\"role\":\"user\",\"content\":{}}]", "[{\"role\":\"nobody\",\"content\":\"x\"}]",
                    "[{\"role\":\"user\"}]", "[{\"content\":\"x\"}]", "[{\"role\":\"user\",\"content\":[{\"type\":7,\"text\":\"x\"}]}]",
                    "[{\"role\":\"user\",\"content\":\"" + new string('a', 600) + "\"}]"],
                ["temperature"] = ["\"1\"", "-1", "2.01", "true", "[]", "{}"],
                ["top_p"] = ["0", "-0.5", "1.5", "\"0.5\"", "[]"],
                ["n"] = ["0", "-1", "17", "1.5", "\"2\"", "1e10"],
                ["max_tokens"] = ["0", "-1", "1.5", "\"10\"", "99999999999", "100000"],
                ["max_completion_tokens"] = ["0", "-7", "2.5", "\"4\"", "[4]"],
                ["stop"] = ["5", "[1]", "[\"a\",\"b\",\"c\",\"d\",\"e\"]", "{}", "[[]]", "true"],
                ["seed"] = ["1.5", "\"1\"", "true", "[]"],
                ["stream"] = ["\"true\"", "1", "[]", "{}"],
                ["stream_options"] = ["1", "\"x\"", "[]", "{\"include_usage\":\"yes\"}"],
                ["logprobs"] = ["\"x\"", "1"],
                ["top_logprobs"] = ["21", "-1", "\"2\"", "1.5"],
                ["response_format"] = ["\"json\"", "{}", "{\"type\":\"xml\"}", "{\"type\":\"json_schema\"}", "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"n\",\"schema\":{\"not\":{}}}}"],
                ["tools"] = ["\"x\"", "[1]", "[{}]", "[{\"type\":\"function\"}]", "[{\"type\":\"function\",\"function\":{\"name\":\"a b\"}}]"],
                ["tool_choice"] = ["\"always\"", "1", "{}"],
                ["top_k"] = ["-2", "1.5", "\"3\""],
            },
            "model"),
        ["/v1/completions"] = (
            """{"model":"fake-model","prompt":"once upon a time","max_tokens":4,"temperature":0,"n":1,"echo":false,"seed":1,"stop":"zz","stream":false}""",
            new()
            {
                ["model"] = ["5", "null", "[]", "{}", "\"\"", "\"nope\""],
                ["prompt"] = ["null", "5", "{}", "[]", "\"\"", "[[]]", "[1,\"a\"]", "[\"a\",1]", "[1.5]", "[-1]", "[999999]", "[[1],[2,\"x\"]]",
                    "[true]", "[null]", "[[1],5]", "\"" + new string('p', 600) + "\""],
                ["max_tokens"] = ["0", "-1", "1.5", "\"10\"", "100000"],
                ["temperature"] = ["3", "-0.1", "\"0\""],
                ["n"] = ["0", "17", "\"1\""],
                ["echo"] = ["\"yes\"", "1"],
                ["suffix"] = ["\"x\"", "5"],
                ["logprobs"] = ["6", "-1", "\"x\"", "true"],
                ["response_format"] = ["\"json\"", "{\"type\":\"yaml\"}"],
                ["seed"] = ["0.5", "\"7\""],
                ["stop"] = ["1", "[2]", "[\"a\",\"b\",\"c\",\"d\",\"e\"]"],
                ["stream"] = ["\"no\"", "0"],
            },
            "prompt"),
        ["/v1/embeddings"] = (
            """{"model":"trinity-hash-embed","input":["first text","second text"],"encoding_format":"float","dimensions":384}""",
            new()
            {
                ["model"] = ["5", "null", "[]", "{}", "\"\"", "\"text-embedding-3-small\""],
                ["input"] = ["null", "5", "{}", "[]", "\"\"", "[\"\"]", "[[]]", "[1.5]", "[true]", "[null]", "[\"a\",2]", "[1,\"a\"]", "[[1],[\"a\"]]",
                    "[{}]", "true"],
                ["encoding_format"] = ["\"hex\"", "5", "[]", "\"FLOAT\""],
                ["dimensions"] = ["5", "\"384\"", "1.5", "0", "-384"],
            },
            "input"),
    };

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/completions")]
    [InlineData("/v1/embeddings")]
    public async Task Post_AdversarialBodies_AllAnswer4xxInErrorShapeAndServerStaysHealthy(string path)
    {
        await using var host = await GatewayHost.StartAsync();
        var (valid, bad, bigField) = Endpoints[path];
        var cases = AdversarialBodies.For(valid, bad, bigField);
        var failures = new List<string>();

        foreach (var item in cases)
        {
            using var content = new ByteArrayContent(item.Body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(item.ContentType);
            HttpResponseMessage response;
            try
            {
                response = await host.Client.PostAsync(new Uri(path, UriKind.Relative), content);
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{item.Name}: {e.Message} {e.InnerException?.Message}");
                continue;
            }

            using var disposeResponse = response;
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status is < 400 or >= 500 || !HasErrorShape(text))
            {
                failures.Add($"{item.Name}: {status} {text[..Math.Min(text.Length, 200)]}");
            }
        }

        using var valid200 = await host.Client.PostAsync(new Uri(path, UriKind.Relative), Http.Json(valid));
        using var health = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.True(cases.Count >= 200, $"only {cases.Count} cases");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(HttpStatusCode.OK, valid200.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(0, host.Engine.Active);
    }

    [Fact]
    public async Task Post_LoneSurrogateEscape_IsNeverAServerError()
    {
        await using var host = await GatewayHost.StartAsync();

        var (response, _) = await Http.PostAsync(host.Client, "/v1/chat/completions",
            """{"model":"fake-model","messages":[{"role":"user","content":"bad \ud800 surrogate"}],"max_tokens":2}""");

        Assert.True((int)response.StatusCode < 500);
    }

    private static bool HasErrorShape(string text)
    {
        try
        {
            var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
            return error.GetProperty("message").ValueKind == JsonValueKind.String
                && error.GetProperty("type").ValueKind == JsonValueKind.String
                && error.TryGetProperty("param", out _)
                && error.TryGetProperty("code", out _);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }
}
