using System.Globalization;
using Trinity.Bench.Cluster;
using Trinity.Bench.Load.Workloads;

namespace Trinity.Bench.Load.Launch;

/// <summary>
/// An all-in-one gateway process started from the binaries beside the bench for one run: the given home, the vector
/// pool's scheduling policy, the workload's SLO classes as gateway SLO policies and its gateway settings. Ready once
/// <c>/health</c> answers 200; disposing stops it and keeps its output in <c>{home}/gateway.log</c>.
/// </summary>
internal sealed class LaunchedGateway : IAsyncDisposable
{
    private readonly ClusterProcess _process;
    private readonly string _home;

    private LaunchedGateway(ClusterProcess process, string home)
    {
        _process = process;
        _home = home;
        BaseUrl = new Uri(process.Url.TrimEnd('/') + "/v1/");
    }

    /// <summary>The OpenAI base URL (…/v1/).</summary>
    public Uri BaseUrl { get; }

    public static async Task<LaunchedGateway> StartAsync(string home, string? policy, Workload workload, IReadOnlyDictionary<string, string> settings, HttpClient http, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        var environment = Environment(home, policy, workload, settings);
        var process = await ClusterProcess.StartAsync("gateway", "Trinity.Gateway.dll", ["--urls", "http://127.0.0.1:0"], environment, timeout).ConfigureAwait(false);
        var gateway = new LaunchedGateway(process, home);
        try
        {
            await gateway.WaitHealthyAsync(http, timeout).ConfigureAwait(false);
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The process environment: configuration keys as <c>A__B</c> variables.</summary>
    public static Dictionary<string, string> Environment(string home, string? policy, Workload workload, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(settings);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TRINITY_HOME"] = home,

            // Per-request logs of a long run would only fill the launcher's memory; the listening line is still logged.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (name, slo) in workload.Slo)
        {
            environment[$"Trinity__Slo__Policies__{name}__TtftMs"] = slo.TtftMs.ToString(CultureInfo.InvariantCulture);
            environment[$"Trinity__Slo__Policies__{name}__TpotMs"] = slo.TpotMs.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in workload.Gateway.Concat(settings))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        if (policy is not null)
        {
            environment["Trinity__VectorPool__Policy"] = policy;
        }

        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(_home, "gateway.log"), _process.Log).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The log is a convenience; a full disk must not hide the run's results.
        }
    }

    private async Task WaitHealthyAsync(HttpClient http, TimeSpan timeout)
    {
        var health = new Uri(BaseUrl, "../health");
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (!await IsHealthyAsync(http, health, cancel.Token).ConfigureAwait(false))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"the gateway exited before it was healthy; its output:\n{Tail(_process.Log)}");
                }

                await Task.Delay(200, cancel.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the gateway at {BaseUrl} was not healthy within {timeout.TotalSeconds:0} s; its output:\n{Tail(_process.Log)}");
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http, Uri health, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(health, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static string Tail(string log) => log.Length > 3000 ? log[^3000..] : log;
}
