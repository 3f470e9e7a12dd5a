using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trinity.Engine.Model.Embeddings;
using Trinity.VectorGpu.Embeddings;

namespace Trinity.Gateway.Engines;

/// <summary>Registration of the text embedder behind <c>/v1/embeddings</c>.</summary>
public static class EmbeddingServiceCollectionExtensions
{
    /// <summary>Name of the built-in hashed n-gram embedder.</summary>
    public const string HashedEmbedderName = "trinity-hash-embed";

    /// <summary>Registers the configured <see cref="ITextEmbedder"/> (the ONNX encoder of
    /// <c>Trinity:Embeddings:OnnxModelPath</c>, else the hashed n-gram embedder) unless one is already registered.</summary>
    public static IServiceCollection AddTrinityEmbeddings(this IServiceCollection services)
    {
        services.AddOptions<EmbeddingOptions>()
            .BindConfiguration(EmbeddingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ITextEmbedder>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            return string.IsNullOrWhiteSpace(options.OnnxModelPath)
                ? new HashedNgramEmbedder(options.Dimension, options.Name ?? HashedEmbedderName)
                : new OnnxTextEmbedder(options.OnnxModelPath, options.Name);
        });
        return services;
    }
}
