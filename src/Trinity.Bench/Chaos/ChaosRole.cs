using Trinity.Bench.Cluster;

namespace Trinity.Bench.Chaos;

/// <summary>One process of the chaos cluster with what it takes to start it again on the same addresses.</summary>
internal sealed class ChaosRole(string name, string dll, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public string Name => name;

    public ClusterProcess? Process { get; private set; }

    public string Url => Process?.Url ?? throw new InvalidOperationException($"{name} is not running");

    public string InternalUrl => Process?.InternalUrl ?? throw new InvalidOperationException($"{name} is not running");

    public async Task StartAsync() =>
        Process = await ClusterProcess.StartAsync(name, dll, args, new Dictionary<string, string>(environment), StartTimeout).ConfigureAwait(false);

    /// <summary>kill -9, then the same process again on the same ports.</summary>
    public async Task KillAndRestartAsync(TimeSpan down)
    {
        if (Process is { } old)
        {
            old.Kill();
            await old.DisposeAsync().ConfigureAwait(false);
        }

        Process = null;
        await Task.Delay(down).ConfigureAwait(false);
        await StartAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Process is { } process)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }
    }
}
