using System.Diagnostics;
using Trinity.Tests.Gateway.OpenAi;

namespace Trinity.Tests.Gateway.Diagnostics;

public sealed class PromtoolTests
{
    [RequiresPrometheusFact]
    public async Task Metrics_AfterTraffic_PassPromtoolCheck()
    {
        await using var host = await GatewayHost.StartAsync();
        await Http.PostAsync(host.Client, "/v1/chat/completions", """{"model":"fake-model","messages":[{"role":"user","content":"hi"}],"max_tokens":4}""");
        using var stream = await host.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative),
            Http.Json("""{"model":"fake-model","messages":[{"role":"user","content":"hi"}],"max_tokens":4,"stream":true}"""));
        await stream.Content.ReadAsStringAsync();
        await Http.PostAsync(host.Client, "/v1/embeddings", """{"model":"trinity-hash-embed","input":"x"}""");
        await Http.PostAsync(host.Client, "/v1/nowhere", "{}");
        using var response = await host.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        var start = new ProcessStartInfo(PrometheusBinaries.Require("promtool"), "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var promtool = Process.Start(start)!;
        await promtool.StandardInput.WriteAsync(text);
        promtool.StandardInput.Close();
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.True(promtool.ExitCode == 0 && output.Trim().Length == 0, $"promtool: {output}\n{text}");
        Assert.Contains("trinity_time_to_first_token_seconds_bucket{model_name=\"fake-model\",le=\"+Inf\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("trinity_generation_tokens_total{model_name=\"fake-model\"} 8", text, StringComparison.Ordinal);
        Assert.Contains("trinity_http_requests_total{method=\"POST\",route=\"unmatched\",status=\"404\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("trinity_num_requests_running 0", text, StringComparison.Ordinal);
    }
}
