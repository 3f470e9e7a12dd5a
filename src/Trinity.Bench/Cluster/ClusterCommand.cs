using System.Globalization;
using System.Runtime.InteropServices;
using Spectre.Console;

namespace Trinity.Bench.Cluster;

/// <summary>
/// <c>cluster [--prefill N] [--decode N] [--port 8000] [--base-port 8101] [--home DIR] [--model DIR]</c>: starts Trinity
/// distributed on loopback — gateway, prefill, decode and vector-pool processes — and keeps it running until Ctrl+C.
/// </summary>
internal static class ClusterCommand
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var options = new LocalClusterOptions
        {
            PrefillEngines = args.Int("prefill") ?? 1,
            DecodeEngines = args.Int("decode") ?? 1,
            GatewayPort = args.Int("port") ?? 8000,
            BasePort = args.Int("base-port") ?? 8101,
            Home = args.String("home"),
            Model = args.String("model"),
        };
        if (options.PrefillEngines < 0 || options.DecodeEngines < 1)
        {
            throw new ArgumentException("a cluster needs at least one decode engine (--decode) and no negative --prefill");
        }

        AnsiConsole.MarkupLine("[grey]starting the local cluster...[/]");
        await using var cluster = await LocalCluster.StartAsync(options).ConfigureAwait(false);
        var table = new Table().AddColumns("process", "pid", "url", "internal (HTTP/2)");
        foreach (var process in cluster.Processes)
        {
            table.AddRow(process.Name, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), process.Url, process.InternalUrl);
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"OpenAI base URL: [bold]{cluster.Gateway.Url}/v1[/] — Ctrl+C stops every process.");
        using var stop = new CancellationTokenSource();
        // Ctrl+C, `kill` and a supervisor's stop all end in DisposeAsync, which stops every child process: without the
        // SIGTERM handler the runtime would exit at once and leave the engines running.
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var onQuit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var dead = cluster.Processes.FirstOrDefault(p => p.HasExited);
                if (dead is not null)
                {
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{dead.Name} exited[/]; its last output:\n{dead.Log[^Math.Min(2000, dead.Log.Length)..]}");
                    return 1;
                }

                await Task.Delay(500, stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM.
        }

        return 0;
    }
}
