using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Trinity.Bench.Load;
using Trinity.Bench.Reports;
using Trinity.Bench.Soak;

namespace Trinity.Bench.Chaos;

/// <summary>
/// <c>Trinity.Bench chaos --duration 5m --kill-every 20s</c>: the distributed cluster on loopback (vector pool,
/// prefill, decode, two gateways) under streamed chat and RAG load while a random role (prefill, decode, vector or
/// the second gateway) is killed with SIGKILL and restarted every interval, and points are upserted one by one.
/// Reports the kills and every request's outcome (full, retried, error, hang); fails (exit code 1) on any hang or
/// any acknowledged upsert missing after the run.
/// </summary>
internal static class ChaosCommand
{
    private static readonly string[] Victims = ["prefill-0", "decode-0", "vector-0", "gateway-1"];

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var options = ChaosOptions.Parse(args);
        var random = options.Seed is { } seed ? new Random(seed) : new Random();
        Directory.CreateDirectory(options.Home);
        Console.WriteLine("chaos: starting vector pool, prefill, decode and two gateways ...");
        await using var cluster = await ChaosCluster.StartAsync(options.Home).ConfigureAwait(false);
        using var http = StreamingChatClient.CreateHttpClient(null);
        Uri[] gateways = [new(cluster.Gateway.Url.TrimEnd('/') + "/v1/"), new(cluster.SecondGateway.Url.TrimEnd('/') + "/v1/")];
        var model = await StreamingChatClient.FirstModelAsync(http, gateways[0]).ConfigureAwait(false);
        using (var seedDocs = await http.PostAsync(new Uri(gateways[0], $"collections/{ChaosClient.Collection}/documents"), new StringContent(SoakClient.Documents(0, 20).ToJsonString(), Encoding.UTF8, "application/json")).ConfigureAwait(false))
        {
            seedDocs.EnsureSuccessStatusCode();
        }

        var writes = new AcknowledgedWrites(http, gateways[0], "chaos-acks-" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        await writes.CreateAsync().ConfigureAwait(false);
        var client = new ChaosClient(http, gateways, model, options);
        var outcomes = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var kills = new List<JsonObject>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(options.Duration);
        var next = 0;
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                var outcome = await client.RunAsync(index, rag: index % 4 == 0).ConfigureAwait(false);
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            }
        })).ToList();
        var writer = writes.RunAsync(stop.Token);

        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.KillEvery, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var name = Victims[random.Next(Victims.Length)];
            var victim = cluster.Roles.Single(r => r.Name == name);
            var at = clock.Elapsed.TotalSeconds;
            var restart = Stopwatch.StartNew();
            await victim.KillAndRestartAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            kills.Add(new JsonObject { ["role"] = victim.Name, ["at_s"] = Math.Round(at, 1), ["back_after_ms"] = Math.Round(restart.Elapsed.TotalMilliseconds) });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {at,6:0.0} s  killed {victim.Name}, back after {restart.Elapsed.TotalSeconds:0.0} s; outcomes so far: {Describe(outcomes)}"));
        }

        await Task.WhenAll(workers).WaitAsync(options.RequestTimeout * 3).ConfigureAwait(false);
        await writer.ConfigureAwait(false);
        var lost = await writes.FindLostAsync().ConfigureAwait(false);
        var hangs = outcomes.GetValueOrDefault("hang");
        Console.WriteLine();
        Console.WriteLine($"kills {kills.Count} ({string.Join(", ", kills.GroupBy(k => (string)k["role"]!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))})");
        Console.WriteLine($"requests {outcomes.Values.Sum()}: {Describe(outcomes)}");
        Console.WriteLine($"upserts acknowledged {writes.Acknowledged} of {writes.Attempted}, lost {lost.Count}");
        var passed = hangs == 0 && lost.Count == 0;
        Console.WriteLine(passed ? "chaos: PASSED" : "chaos: FAILED");

        var outcomeJson = new JsonObject();
        foreach (var (outcome, count) in outcomes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            outcomeJson[outcome] = count;
        }

        var report = new BenchReport("chaos");
        report.Add(new JsonObject
        {
            ["label"] = "chaos",
            ["duration_s"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
            ["kill_every_s"] = options.KillEvery.TotalSeconds,
            ["concurrency"] = options.Concurrency,
            ["requests"] = outcomes.Values.Sum(),
            ["outcomes"] = outcomeJson,
            ["hangs"] = hangs,
            ["kills"] = new JsonArray([.. kills]),
            ["upserts_attempted"] = writes.Attempted,
            ["upserts_acknowledged"] = writes.Acknowledged,
            ["upserts_lost"] = lost.Count,
            ["passed"] = passed,
        });
        report.Write(options.Json);
        return passed ? 0 : 1;
    }

    private static string Describe(ConcurrentDictionary<string, long> outcomes) =>
        string.Join(", ", outcomes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
}
