using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Trinity.Bench.Cluster;

/// <summary>
/// One Trinity process of a local cluster (a role or the gateway), started from the binaries beside this program.
/// It is ready once it prints its listening address; its output is kept for diagnostics; disposing kills it.
/// </summary>
internal sealed partial class ClusterProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<(string Url, string? Internal)> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly bool _isEngine;

    private ClusterProcess(string name, Process process, bool isEngine)
    {
        Name = name;
        _process = process;
        _isEngine = isEngine;
    }

    public string Name { get; }

    /// <summary>Public (HTTP/1.1) URL.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>Internal (HTTP/2) URL of an engine; empty for the gateway.</summary>
    public string InternalUrl { get; private set; } = string.Empty;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ClusterProcess> StartAsync(string name, string dll, IEnumerable<string> args, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, dll));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ORT_DISABLE_TELEMETRY"] = "1";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var cluster = new ClusterProcess(name, process, dll.StartsWith("Trinity.Engine", StringComparison.Ordinal));
        process.OutputDataReceived += (_, e) => cluster.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => cluster.OnLine(e.Data);
        process.Exited += (_, _) => cluster._ready.TrySetException(new InvalidOperationException($"{name} exited with code {process.ExitCode} before it was ready:\n{cluster.Log}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var (url, internalUrl) = await cluster._ready.Task.WaitAsync(timeout).ConfigureAwait(false);
            cluster.Url = url;
            cluster.InternalUrl = internalUrl ?? string.Empty;
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>kill -9: no shutdown, no flushing (failure tests).</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        catch (TimeoutException)
        {
            // Left to the operating system.
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        // Engines print "trinity: ready role=... url=... internal=..."; the gateway logs Kestrel's "Now listening on: URL".
        var engine = EngineReady().Match(line);
        if (engine.Success)
        {
            _ready.TrySetResult((engine.Groups["url"].Value, engine.Groups["internal"].Value));
            return;
        }

        // An engine logs Kestrel's line before its own ready line, which alone names the internal listener.
        var kestrel = KestrelListening().Match(line);
        if (kestrel.Success && !_isEngine)
        {
            _ready.TrySetResult((kestrel.Groups["url"].Value, null));
        }
    }

    [GeneratedRegex(@"^trinity: ready role=\S+ url=(?<url>\S+) internal=(?<internal>\S+)")]
    private static partial Regex EngineReady();

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex KestrelListening();
}
