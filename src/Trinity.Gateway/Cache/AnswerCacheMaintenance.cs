using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Cache;

/// <summary>Opens the semantic tier once the host runs (without holding up the start: until then lookups are
/// exact-only), then sweeps expired answers every <see cref="AnswerCacheOptions.SweepIntervalSeconds"/>, retrying the
/// semantic tier while the pool is unreachable. On stop it waits for writes already started.</summary>
internal sealed class AnswerCacheMaintenance(AnswerCache cache, PendingWrites writes, IOptions<AnswerCacheOptions> options, TimeProvider time)
    : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await writes.WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await cache.InitializeAsync(stoppingToken).ConfigureAwait(false);
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await cache.InitializeAsync(stoppingToken).ConfigureAwait(false);
                await cache.SweepAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
