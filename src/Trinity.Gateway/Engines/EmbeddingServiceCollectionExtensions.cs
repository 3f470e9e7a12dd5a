using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trinity.VectorGpu.Embeddings;

namespace Trinity.Gateway.Engines;

/// <summary>Registration of the text embedder behind <c>/v1/embeddings</c>.</summary>
public static class EmbeddingServiceCollectionExtensions
{
    /// <summary>Registers the configured <see cref="ITextEmbedder"/> unless one is already registered.</summary>
    public static IServiceCollection AddTrinityEmbeddings(this IServiceCollection services)
    {
        services.AddOptions<EmbeddingOptions>()
            .BindConfiguration(EmbeddingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ITextEmbedder>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            return new HashedNgramEmbedder(options.Dimension, options.Name);
        });
        return services;
    }
}
