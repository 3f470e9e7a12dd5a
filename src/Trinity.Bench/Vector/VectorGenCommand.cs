using Trinity.Bench;
using Trinity.Bench.Reports;

namespace Trinity.Bench.Vector;

/// <summary>
/// <c>vector gen --n 200000 --d 128 --queries 1000 [--clusters 256] [--k 100] [--metric l2] [--seed 1] --out DIR</c>:
/// writes <c>base.fvecs</c>, <c>queries.fvecs</c> and exact <c>gt.ivecs</c>, so the bench runs without SIFT1M.
/// </summary>
internal static class VectorGenCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var options = new BenchArguments(args);
        var n = options.Int("n") ?? 200_000;
        var d = options.Int("d") ?? 128;
        var queries = options.Int("queries") ?? 1000;
        var clusters = options.Int("clusters") ?? 0;
        var k = options.Int("k") ?? 100;
        var seed = options.Int("seed") ?? 1;
        var metric = options.String("metric") ?? "l2";
        var output = options.String("out") ?? throw new ArgumentException("--out DIR is required");
        Directory.CreateDirectory(output);

        var data = clusters > 0 ? SyntheticVectors.Clustered(n, d, clusters, seed, centreSeed: seed + 7) : SyntheticVectors.Random(n, d, seed);
        var query = clusters > 0 ? SyntheticVectors.Clustered(queries, d, clusters, seed + 1000, centreSeed: seed + 7) : SyntheticVectors.Random(queries, d, seed + 1000);
        var truth = ExactSearch.Neighbours(data, n, query, queries, d, k, metric);
        VecsFile.WriteFvecs(Path.Combine(output, "base.fvecs"), data, d);
        VecsFile.WriteFvecs(Path.Combine(output, "queries.fvecs"), query, d);
        VecsFile.WriteIvecs(Path.Combine(output, "gt.ivecs"), truth, k);
        Console.WriteLine($"wrote {n} × {d} base, {queries} queries, exact top-{k} ({metric}) to {output}");
        return Task.FromResult(0);
    }
}
