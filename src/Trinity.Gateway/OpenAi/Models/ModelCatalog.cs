using Trinity.Gateway.Engines;
using Trinity.VectorGpu.Embeddings;

namespace Trinity.Gateway.OpenAi.Models;

/// <summary>What <c>/v1/models</c> lists: the generation models, then the embedding model.</summary>
internal sealed class ModelCatalog(IServedModelRegistry registry, ITextEmbedder embedder, TimeProvider time)
{
    private readonly long _started = time.GetUtcNow().ToUnixTimeSeconds();

    public IReadOnlyList<ModelCard> Cards()
    {
        var cards = registry.Models
            .Select(m => new ModelCard { Id = m.Name, Created = m.Created.ToUnixTimeSeconds(), OwnedBy = m.OwnedBy })
            .ToList();
        if (!cards.Exists(c => c.Id == embedder.Name))
        {
            cards.Add(new ModelCard { Id = embedder.Name, Created = _started, OwnedBy = "trinity" });
        }

        return cards;
    }
}
