using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Engines.Remote;

/// <summary>Probes every remote engine's <c>/health</c> on an interval and updates its health.</summary>
internal sealed partial class EngineHealthProber(EnginePool pool, RemoteEngineHttp http, IOptions<RemoteEnginesOptions> options, TimeProvider time, ILogger<EngineHealthProber> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HealthIntervalSeconds), time);
        do
        {
            await pool.RefreshAsync(stoppingToken).ConfigureAwait(false);
            await Task.WhenAll(pool.All.Select(node => ProbeAsync(node, stoppingToken))).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task ProbeAsync(EngineNode node, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.HealthTimeoutSeconds));
        string? problem;
        try
        {
            using var response = await http.Client.GetAsync(new Uri(node.Url, "health"), timeout.Token).ConfigureAwait(false);
            problem = response.IsSuccessStatusCode ? null : $"health answered HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problem = "health probe timed out";
        }
        catch (HttpRequestException ex)
        {
            problem = ex.Message;
        }

        if (problem is null)
        {
            if (!node.Healthy)
            {
                LogRecovered(node.Role, node.Url);
            }

            node.MarkHealthy();
        }
        else
        {
            if (node.Healthy)
            {
                LogUnhealthy(node.Role, node.Url, problem);
            }

            node.MarkUnhealthy(problem, time.GetUtcNow());
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "{Role} engine {Url} is unhealthy: {Problem}")]
    private partial void LogUnhealthy(EngineRole role, Uri url, string problem);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "{Role} engine {Url} is healthy again")]
    private partial void LogRecovered(EngineRole role, Uri url);
}
