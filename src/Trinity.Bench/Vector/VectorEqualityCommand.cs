using System.Text.Json;
using Trinity.Bench.Reports;

namespace Trinity.Bench.Vector;

/// <summary>
/// <c>vector equal --device cuda|ilgpu-cpu [--n 2000] [--d 48] [--queries 24] [--json OUT]</c>: the
/// <see cref="PoolEquality"/> scenario on the CPU device and on the named one; exit code 1 unless every answer
/// (ids, order, scores) is identical.
/// </summary>
internal static class VectorEqualityCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArguments(args);
        var device = BenchDevices.Name(options);
        var n = options.Int("n") ?? 2000;
        var d = options.Int("d") ?? 48;
        var queries = options.Int("queries") ?? 24;
        var (_, expected, labels) = await PoolEquality.RunAsync("cpu", n, d, queries).ConfigureAwait(false);
        string name;
        IReadOnlyList<Trinity.VectorGpu.Client.VectorSearchResult> actual;
        try
        {
            (name, actual, _) = await PoolEquality.RunAsync(device, n, d, queries).ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            throw new ArgumentException(exception.Message, exception);
        }

        var differences = PoolEquality.Differences(expected, actual);
        foreach (var i in differences)
        {
            Console.WriteLine($"DIFFERS: search {i} ({labels[i]}): cpu [{string.Join(", ", expected[i].Results.Take(5).Select(h => $"{h.Id}:{h.Score}"))}…] vs {name} [{string.Join(", ", actual[i].Results.Take(5).Select(h => $"{h.Id}:{h.Score}"))}…]");
        }

        var hits = expected.Sum(r => r.Results.Count);
        Console.WriteLine($"{name} vs cpu: {expected.Count - differences.Count}/{expected.Count} searches identical ({hits} hits; flat and IVF, cosine/ip/l2, k 1–300, filters, deletes, overwrites)");
        var report = new BenchReport("vector equal");
        report.Add(JsonSerializer.SerializeToNode(new Dictionary<string, object?>
        {
            ["device"] = name,
            ["reference"] = "cpu",
            ["searches"] = expected.Count,
            ["hits"] = hits,
            ["identical"] = expected.Count - differences.Count,
            ["equal"] = differences.Count == 0,
            ["n"] = n,
            ["dimension"] = d,
        })!.AsObject());
        report.Write(options.String("json"));
        return differences.Count == 0 ? 0 : 1;
    }
}
