using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Trinity.Tests.Gateway.OpenAi;

namespace Trinity.Tests.Gateway.Diagnostics;

public sealed class PrometheusScrapeTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [RequiresPrometheusFact]
    public async Task RealPrometheus_ScrapesGateway_ReturnsTrinityMetricThroughQueryApi()
    {
        await using var host = await GatewayHost.StartAsync();
        await Http.PostAsync(host.Client, "/v1/chat/completions", """{"model":"fake-model","messages":[{"role":"user","content":"hi"}],"max_tokens":3}""");
        var folder = Directory.CreateTempSubdirectory("trinity-prometheus-");
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: trinity
                scrape_interval: 1s
                scrape_timeout: 1s
                static_configs:
                  - targets: ['{host.BaseAddress.Authority}']
            """);
        var start = new ProcessStartInfo(PrometheusBinaries.Require("prometheus"))
        {
            ArgumentList =
            {
                $"--config.file={Path.Combine(folder.FullName, "prometheus.yml")}",
                $"--storage.tsdb.path={Path.Combine(folder.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
                "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var prometheus = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        prometheus.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        prometheus.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var query = Uri.EscapeDataString("trinity_http_requests_total{route=\"/v1/chat/completions\",status=\"200\"}");
            var watch = Stopwatch.StartNew();
            double? value = null;
            while (value is null)
            {
                Assert.False(prometheus.HasExited, $"prometheus exited: {log}");
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(45), $"metric never appeared in Prometheus: {log}");
                await Task.Delay(250);
                try
                {
                    var json = await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/api/v1/query?query={query}"));
                    var result = JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty("result");
                    if (result.GetArrayLength() > 0)
                    {
                        value = double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
            }

            Assert.Equal(1, value);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
            folder.Delete(recursive: true);
        }
    }
}
