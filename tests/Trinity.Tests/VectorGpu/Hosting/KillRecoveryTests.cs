using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Trinity.Tests.VectorGpu.Http;

namespace Trinity.Tests.VectorGpu.Hosting;

/// <summary>A real <c>Trinity.Engine --role vector</c> process killed with SIGKILL right after acknowledged upserts.</summary>
public sealed class KillRecoveryTests
{
    [Fact]
    public async Task Kill9_RightAfterAcknowledgedUpserts_EveryAcknowledgedPointAfterRestart()
    {
        var home = Directory.CreateTempSubdirectory("trinity-kill-").FullName;
        try
        {
            var acknowledged = new ConcurrentBag<int>();
            var port = FreePort();
            using (var first = await PoolProcess.StartAsync(home, port))
            {
                Assert.Equal(HttpStatusCode.OK, (await CollectionsApiTests.Post(first.Http, "/v1/collections", """{"name":"durable","dimension":4,"metric":"l2"}""")).Status);

                // Eight concurrent writers (group commit in play); the process dies while some writes are still in flight.
                using var stop = new CancellationTokenSource();
                var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var id = (w * 100_000) + i;
                        try
                        {
                            var (status, _) = await CollectionsApiTests.Post(first.Http, "/v1/collections/durable/points", Body(id));
                            if (status == HttpStatusCode.OK)
                            {
                                acknowledged.Add(id);
                            }
                        }
                        catch (HttpRequestException)
                        {
                            return;
                        }
                    }
                })).ToList();
                while (acknowledged.Count < 300)
                {
                    await Task.Delay(10);
                }

                first.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(writers);
            }

            using var second = await PoolProcess.StartAsync(home, port);
            var ids = acknowledged.ToArray();
            foreach (var chunk in ids.Chunk(200))
            {
                var searches = string.Join(",", chunk.Select(id => $"{{\"vector\":{Vector(id)},\"k\":1}}"));
                var (status, json) = await CollectionsApiTests.Post(second.Http, "/v1/collections/durable/search/batch", $"{{\"searches\":[{searches}]}}");
                Assert.Equal(HttpStatusCode.OK, status);
                var found = json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("results")[0].GetProperty("id").GetString()).ToArray();
                Assert.Equal(chunk.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)), found);
            }

            var info = JsonDocument.Parse(await second.Http.GetStringAsync(new Uri("/v1/collections/durable", UriKind.Relative))).RootElement;
            Assert.True(info.GetProperty("count").GetInt32() >= ids.Length);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Kill9_GraphCollectionWithSnapshotAndLogTail_SameResultsAfterRestart()
    {
        var home = Directory.CreateTempSubdirectory("trinity-kill-graph-").FullName;
        var environment = new Dictionary<string, string> { ["Trinity__VectorPool__SnapshotLogBytes"] = "200000" };
        try
        {
            var port = FreePort();
            var random = new Random(3);
            var vectors = Enumerable.Range(0, 3000).Select(_ => Enumerable.Range(0, 16).Select(_ => Math.Round(random.NextDouble() * 10, 3)).ToArray()).ToArray();
            string Search(int q) => $"{{\"vector\":[{string.Join(",", vectors[q * 7].Select(x => (x + 0.01).ToString(System.Globalization.CultureInfo.InvariantCulture)))}],\"k\":10,\"ef\":24}}";
            var searches = $"{{\"searches\":[{string.Join(",", Enumerable.Range(0, 40).Select(Search))}]}}";
            string before;
            using (var first = await PoolProcess.StartAsync(home, port, environment))
            {
                Assert.Equal(HttpStatusCode.OK, (await CollectionsApiTests.Post(first.Http, "/v1/collections", """{"name":"g","dimension":16,"metric":"l2","index":"graph","m":8,"storage":"sq8"}""")).Status);
                foreach (var chunk in Enumerable.Range(0, 3000).Chunk(250))
                {
                    var points = string.Join(",", chunk.Select(i => $"{{\"id\":{i},\"vector\":[{string.Join(",", vectors[i].Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]}}"));
                    Assert.Equal(HttpStatusCode.OK, (await CollectionsApiTests.Post(first.Http, "/v1/collections/g/points", $"{{\"points\":[{points}]}}")).Status);
                }

                Assert.Equal(HttpStatusCode.OK, (await CollectionsApiTests.Post(first.Http, "/v1/collections/g/points/delete", $"{{\"ids\":[{string.Join(",", Enumerable.Range(0, 300).Select(i => i * 9))}]}}")).Status);
                var (status, json) = await CollectionsApiTests.Post(first.Http, "/v1/collections/g/search/batch", searches);
                Assert.Equal(HttpStatusCode.OK, status);
                before = json.GetRawText();
                first.Kill();
            }

            Assert.True(File.Exists(Path.Combine(home, "collections", "g", "graph.bin")));
            using var second = await PoolProcess.StartAsync(home, port, environment);
            var (afterStatus, after) = await CollectionsApiTests.Post(second.Http, "/v1/collections/g/search/batch", searches);

            Assert.Equal(HttpStatusCode.OK, afterStatus);
            Assert.Equal(before, after.GetRawText());
            Assert.DoesNotContain(after.GetProperty("results").EnumerateArray().SelectMany(r => r.GetProperty("results").EnumerateArray()), h => int.Parse(h.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture) % 9 == 0 && int.Parse(h.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture) < 2700);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static string Vector(int id) => $"[{id % 100_000},{id / 100_000},1,0]";

    private static string Body(int id) => $"{{\"points\":[{{\"id\":{id},\"vector\":{Vector(id)},\"payload\":{{\"n\":{id}}}}}]}}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class PoolProcess : IDisposable
    {
        private readonly Process _process;

        private PoolProcess(Process process, int port)
        {
            _process = process;
            Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        }

        public HttpClient Http { get; }

        public static async Task<PoolProcess> StartAsync(string home, int port, IReadOnlyDictionary<string, string>? environment = null)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "Trinity.Engine.dll");
            Assert.True(File.Exists(dll), $"{dll} missing");
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { dll, "--role", "vector", "--urls", $"http://127.0.0.1:{port}", "--internal-urls", "http://127.0.0.1:0" })
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["TRINITY_HOME"] = home;
            foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            {
                info.Environment[key] = value;
            }

            info.Environment["Logging__LogLevel__Default"] = "Warning";
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var pool = new PoolProcess(process, port);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    using var response = await pool.Http.GetAsync(new Uri("/health", UriKind.Relative));
                    if (response.IsSuccessStatusCode)
                    {
                        return pool;
                    }
                }
                catch (HttpRequestException)
                {
                    Assert.False(process.HasExited, "pool process exited at start");
                }

                await Task.Delay(100);
            }

            pool.Dispose();
            throw new TimeoutException("pool process did not become healthy");
        }

        /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed that was not already.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
            Http.Dispose();
        }
    }
}
