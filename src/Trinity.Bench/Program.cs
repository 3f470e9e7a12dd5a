using Trinity.Bench;
using Trinity.Bench.Cluster;
using Trinity.Bench.Engines;
using Trinity.Bench.Grammar;
using Trinity.Bench.Ingest;
using Trinity.Bench.Load;
using Trinity.Bench.Simulation;
using Trinity.Bench.Vector;

try
{
    return args switch
    {
        ["engine-ep", .. var rest] => await EngineProvidersCommand.RunAsync(new BenchArguments(rest)).ConfigureAwait(false),
        ["engine", .. var rest] => await EngineBenchCommand.RunAsync(new BenchArguments(rest)).ConfigureAwait(false),
        ["cluster", .. var rest] => await ClusterCommand.RunAsync(new BenchArguments(rest)).ConfigureAwait(false),
        ["vector", .. var rest] => await VectorBenchCommand.RunAsync(rest).ConfigureAwait(false),
        ["sched", .. var rest] => await SchedBenchCommand.RunAsync(rest).ConfigureAwait(false),
        ["serve", .. var rest] => await ServeCommand.RunAsync(new BenchArguments(rest)).ConfigureAwait(false),
        ["ingest", .. var rest] => await IngestCommand.RunAsync(new BenchArguments(rest)).ConfigureAwait(false),
        ["soak", .. var rest] => await Trinity.Bench.Soak.SoakCommand.RunAsync(new BenchArguments(rest)).ConfigureAwait(false),
        ["grammar", .. var rest] => GrammarBenchCommand.Run(new BenchArguments(rest)),
        _ => Usage(),
    };
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Trinity.Bench engine|engine-ep|vector|sched|serve|grammar [options]");
    return 2;
}
