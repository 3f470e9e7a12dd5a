using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Engines.Remote;

/// <summary>
/// At start, before the health probes and the first request, finds every configured engine's internal address
/// (<see cref="EngineDiscovery"/>) and points the pool at it. A wrong address stops the start with a message naming
/// the setting (<c>Trinity:Engines:Decode:0 = …: …</c>) instead of failing every request later.
/// </summary>
internal sealed partial class EngineDiscoveryService(EnginePool pool, EngineDiscovery discovery, IOptions<RemoteEnginesOptions> options, ILogger<EngineDiscoveryService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var prefill = DiscoverAllAsync(EngineRole.Prefill, "Prefill", settings.Prefill, cancellationToken);
        var decode = DiscoverAllAsync(EngineRole.Decode, "Decode", settings.Decode, cancellationToken);
        await Task.WhenAll(prefill, decode).ConfigureAwait(false);
        pool.UseInternalUrls(EngineRole.Prefill, await prefill.ConfigureAwait(false));
        pool.UseInternalUrls(EngineRole.Decode, await decode.ConfigureAwait(false));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<Uri[]> DiscoverAllAsync(EngineRole role, string key, IReadOnlyList<string> configured, CancellationToken cancellationToken)
    {
        var urls = await Task.WhenAll(configured.Select((url, i) =>
            discovery.DiscoverAsync($"{RemoteEnginesOptions.SectionName}:{key}:{i}", role, EnginePool.Parse(url), cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < urls.Length; i++)
        {
            LogDiscovered(role, configured[i], urls[i]);
        }

        return urls;
    }

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "{Role} engine {Configured}: internal API at {Internal}")]
    private partial void LogDiscovered(EngineRole role, string configured, Uri @internal);
}
