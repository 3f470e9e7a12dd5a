using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trinity.Common;
using Trinity.Common.Security;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Collections;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Devices.Cpu;
using Trinity.VectorGpu.Diagnostics;
using Trinity.VectorGpu.Embeddings;
using Trinity.VectorGpu.Http;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Hosting;

/// <summary>Wiring of the vector pool: <see cref="AddVectorPool"/> for services, <see cref="MapVectorPoolEndpoints(IEndpointRouteBuilder)"/> for the HTTP API.</summary>
public static class VectorPoolServiceCollectionExtensions
{
    /// <summary>
    /// Registers the pool (<see cref="IVectorPool"/>, its iteration loop as a hosted service, the device named by
    /// <c>Trinity:VectorPool:Device</c> (<see cref="VectorDeviceFactory"/>), the default
    /// text embedder unless one is registered), with options from <c>Trinity:VectorPool</c> validated at start and
    /// collections under <c>{Trinity:Home | TRINITY_HOME | ~/.trinity}/collections</c>.
    /// </summary>
    public static IServiceCollection AddVectorPool(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<VectorPoolOptions>().BindConfiguration(VectorPoolOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VectorPoolOptions>, VectorPoolOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITextEmbedder>(sp => new HashedNgramEmbedder(sp.GetRequiredService<IOptions<VectorPoolOptions>>().Value.EmbeddingDimension));
        services.TryAddSingleton<IVectorDevice>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<VectorPoolOptions>>().Value;
            return VectorDeviceFactory.Create(options.Device, options.Threads, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Trinity.VectorGpu.Devices"));
        });
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<VectorPoolOptions>>().Value;
            var home = TrinityHome.Resolve(sp.GetService<IConfiguration>());
            var collectionOptions = new CollectionOptions
            {
                SnapshotLogBytes = options.SnapshotLogBytes,
                IvfMinTrainPoints = options.IvfMinTrainPoints,
                IvfPointsPerCentroid = options.IvfPointsPerCentroid,
                IvfTrainIterations = options.IvfTrainIterations,
                QuantizerTrainPoints = options.QuantizerTrainPoints,
                RerankFactor = options.RerankFactor,
                CompactionMinDeadRows = options.CompactionMinDeadRows,
            };
            return new CollectionRegistry(home, collectionOptions, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Trinity.VectorGpu.Collections"));
        });
        services.TryAddSingleton<VectorPoolMetrics>();
        services.TryAddSingleton<VectorPoolQueue>();
        services.TryAddSingleton<VectorPool>();
        services.TryAddSingleton<IVectorPool>(sp => sp.GetRequiredService<VectorPool>());
        services.AddHostedService<VectorPoolLoop>();
        return services;
    }

    /// <summary>
    /// Registers <see cref="IVectorPool"/> as a client of a pool in another process (<see cref="HttpVectorPool"/>, URLs from
    /// <c>Trinity:VectorPool:Remote</c>), for gateways and decode engines of the distributed mode.
    /// </summary>
    public static IServiceCollection AddRemoteVectorPool(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RemoteVectorPoolOptions>().BindConfiguration(RemoteVectorPoolOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IVectorPool>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RemoteVectorPoolOptions>>().Value;
            var http = new HttpClient(new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                ConnectTimeout = TimeSpan.FromSeconds(3),
                KeepAlivePingDelay = TimeSpan.FromSeconds(5),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            }.Authorize(sp.GetService<IConfiguration>()?.ClusterToken());
            return new HttpVectorPool(http, options.Remote, TimeSpan.FromSeconds(options.TimeoutSeconds), sp.GetRequiredService<TimeProvider>(), ownsClient: true);
        });
        return services;
    }

    /// <summary>Whether configuration points at a remote pool (<c>Trinity:VectorPool:Remote:0</c> set).</summary>
    public static bool HasRemoteVectorPool(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration?[$"{RemoteVectorPoolOptions.SectionName}:Remote:0"]);

    /// <summary>Maps <c>/v1/collections</c> and its sub-routes (create, list, get, delete, points, search, batch search).</summary>
    public static IEndpointRouteBuilder MapVectorPoolEndpoints(this IEndpointRouteBuilder endpoints) => MapVectorPoolEndpoints(endpoints, static (_, pool) => pool);

    /// <summary>Maps the same endpoints over the pool <paramref name="scope"/> gives for each request (a host with
    /// tenants shows each caller only its own collections, under its own names).</summary>
    public static IEndpointRouteBuilder MapVectorPoolEndpoints(this IEndpointRouteBuilder endpoints, Func<HttpContext, IVectorPool, IVectorPool> scope)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(scope);
        VectorPoolEndpoints.Map(endpoints, scope);
        return endpoints;
    }
}
