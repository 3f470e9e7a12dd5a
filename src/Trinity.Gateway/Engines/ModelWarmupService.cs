using Microsoft.Extensions.Hosting;
using Trinity.Gateway.Diagnostics;

namespace Trinity.Gateway.Engines;

/// <summary>Resolves the served models while the host starts (hosted services start before Kestrel accepts
/// connections), so that creating or loading a model happens once at start-up, never inside a first request.</summary>
internal sealed class ModelWarmupService(IServiceProvider services, ILogger<ModelWarmupService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<IServedModelRegistry>();
        foreach (var model in registry.Models)
        {
            GatewayLog.ModelReady(logger, model.Name, model.ContextLength);
        }

        _ = services.GetRequiredService<Trinity.VectorGpu.Embeddings.ITextEmbedder>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
