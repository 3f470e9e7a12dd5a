using System.CommandLine;
using Trinity.Bench.Chaos;
using Trinity.Bench.Cluster;
using Trinity.Bench.Engines;
using Trinity.Bench.Grammar;
using Trinity.Bench.Hashing;
using Trinity.Bench.Ingest;
using Trinity.Bench.Load;
using Trinity.Bench.Simulation;
using Trinity.Bench.Soak;
using Trinity.Bench.Vector;

namespace Trinity.Bench;

/// <summary>Every bench command: name, one-line description, and the method that runs it with the arguments after the
/// name (their options are listed in each command's summary and README.md).</summary>
internal static class BenchCommands
{
    public static IEnumerable<Command> All() =>
    [
        Create("engine", "Engine TTFT and tokens/s beside ONNX Runtime GenAI on the same model", args => EngineBenchCommand.RunAsync(new BenchArguments(args))),
        Create("engine-ep", "The same greedy requests on the CUDA and the CPU execution provider: identical tokens", args => EngineProvidersCommand.RunAsync(new BenchArguments(args))),
        Create("cluster", "Trinity distributed on loopback (gateway, prefill, decode, vector pool) until Ctrl+C", args => ClusterCommand.RunAsync(new BenchArguments(args))),
        Create("vector", "Vector pool QPS, latency and recall on TEXMEX files; gen, walk, kernel, copy, equal", VectorBenchCommand.RunAsync),
        Create("sched", "Pool scheduling policies on a mixed decode/prefill workload, real or simulated", SchedBenchCommand.RunAsync),
        Create("serve", "Streaming load against an OpenAI endpoint: TTFT, TPOT, E2E, SLO attainment, goodput", args => ServeCommand.RunAsync(new BenchArguments(args))),
        Create("grammar", "Constrained-decoding mask time per token on a 100k vocabulary, batch 1 and 16", args => Task.FromResult(GrammarBenchCommand.Run(new BenchArguments(args)))),
        Create("hash", "Checksum speed: CRC-32C, CRC-32 and XxHash3 of System.IO.Hashing", args => HashBenchCommand.RunAsync(new BenchArguments(args))),
        Create("ingest", "Ingest a folder of documents into a collection through the gateway", args => IngestCommand.RunAsync(new BenchArguments(args))),
        Create("chaos", "Kill and restart a random role of the local cluster under load: outcomes per request, no hangs, no lost upserts", args => ChaosCommand.RunAsync(new BenchArguments(args))),
        Create("soak", "Long mixed load against a launched gateway: errors, hangs, RSS and GC heap over time", args => SoakCommand.RunAsync(new BenchArguments(args))),
    ];

    /// <summary>A command whose arguments after its name go, as written, to <paramref name="run"/>.</summary>
    private static Command Create(string name, string description, Func<string[], Task<int>> run)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction((result, _) => run([.. result.UnmatchedTokens]));
        return command;
    }
}
