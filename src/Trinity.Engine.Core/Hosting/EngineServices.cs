using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trinity.Common;
using Trinity.Common.Security;
using Trinity.Engine.Decode;
using Trinity.Engine.Diagnostics;
using Trinity.Engine.KvTransfer;
using Trinity.Engine.Model;
using Trinity.Engine.Model.BuiltIn;

namespace Trinity.Engine.Hosting;

/// <summary>Registration of an engine (model, loop, metrics, KV hand-over) for the prefill and decode roles and the
/// all-in-one gateway.</summary>
public static class EngineServices
{
    /// <summary>Configuration key of the model folder; empty means the built-in trinity-tiny under the home folder.</summary>
    public const string ModelPathKey = "Trinity:Model:Path";

    /// <summary>Configuration key of the name the model is served under.</summary>
    public const string ModelNameKey = "Trinity:Model:Name";

    public static IServiceCollection AddTrinityEngine(this IServiceCollection services)
    {
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KvTransferOptions>().BindConfiguration(KvTransferOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton(sp => OpenModel(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp =>
        {
            var engine = new InProcessEngine(
                sp.GetRequiredService<ModelFolder>(),
                sp.GetRequiredService<IOptions<EngineOptions>>().Value,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("Trinity.Engine"),
                sp.GetService<Trinity.VectorGpu.Client.IVectorPool>(),
                sp.GetRequiredService<EngineMetrics>());
            var store = sp.GetService<KvStore>();
            sp.GetRequiredService<EngineMetrics>().Observe(() => engine.BatchSize, () => engine.Waiting, () => engine.Running, () => engine.KvBytes,
                store is null ? null : () => store.Bytes);
            return engine;
        });

        // All-in-one: the same engine instance prefills and decodes (one copy of the weights, one step loop), and the
        // cache goes from its prefill side to its decode side through the in-memory connector, as it would between
        // processes through the HTTP one.
        services.TryAddSingleton<IKvConnector, InMemoryKvConnector>();
        services.AddSingleton(sp =>
        {
            var engine = sp.GetRequiredService<InProcessEngine>();
            return new PrefillDecodeEngine(engine, sp.GetRequiredService<IKvConnector>(), new KvContinuation(
                engine, sp.GetRequiredService<IKvConnector>(), sp.GetRequiredService<EngineMetrics>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Trinity.Engine.Decode")));
        });
        return services;
    }

    /// <summary>The prefill role's scheduler side of the HTTP KV connector: the store of frames waiting to be pulled.</summary>
    public static IServiceCollection AddKvConnectorScheduler(this IServiceCollection services)
    {
        services.AddSingleton<KvStore>();
        services.AddSingleton<IKvConnectorScheduler>(sp => new HttpKvConnectorScheduler(sp.GetRequiredService<KvStore>(), sp.GetRequiredService<InProcessEngine>()));
        return services;
    }

    /// <summary>The decode role's worker side of the HTTP KV connector: pulls frames over HTTP/2 and continues on them.</summary>
    public static IServiceCollection AddKvConnectorWorker(this IServiceCollection services)
    {
        services.AddSingleton<IKvConnectorWorker>(sp => new HttpKvConnectorWorker(
            new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                DefaultRequestVersion = HttpVersion.Version20,
                DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Timeout = Timeout.InfiniteTimeSpan,
            }.Authorize(sp.GetService<IConfiguration>()?.ClusterToken()),
            sp.GetRequiredService<IOptions<KvTransferOptions>>(),
            sp.GetRequiredService<InProcessEngine>()));
        services.AddSingleton(sp => new KvContinuation(
            sp.GetRequiredService<InProcessEngine>(),
            sp.GetRequiredService<IKvConnectorWorker>(),
            sp.GetRequiredService<EngineMetrics>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Trinity.Engine.Decode")));
        return services;
    }

    /// <summary>Opens the configured model folder, creating the built-in model on first start when none is configured.</summary>
    public static ModelFolder OpenModel(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[ModelPathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            path = BuiltInModels.EnsureTrinityTiny(TrinityHome.Models(TrinityHome.Resolve(configuration)));
        }

        return ModelFolder.Open(path, configuration[ModelNameKey]);
    }
}
