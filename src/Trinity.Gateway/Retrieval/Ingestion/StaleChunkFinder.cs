using System.Text.Json;
using Microsoft.Extensions.Options;
using Trinity.VectorGpu.Client;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Finds the chunks an earlier version of a document left in a collection, by searches filtered on
/// <c>document_id</c> (batched, so that the pool shares their scans). Searching rather than trusting a stored count
/// means that a write interrupted between upsert and delete is repaired by the next ingest of the document.</summary>
internal sealed class StaleChunkFinder(IVectorPool pool, IOptions<IngestionOptions> options, TimeProvider time)
{
    /// <summary>Hits asked for by the first search of a document's chunks; nearly every document has fewer, and a
    /// small k keeps the pool's per-slice heaps small.</summary>
    private const int FirstLookupK = 256;

    /// <summary>Lookups are background work: a far deadline lets the pool's scheduler put them after live queries.</summary>
    private static readonly TimeSpan LookupDeadline = TimeSpan.FromSeconds(60);

    /// <summary>Ids of <paramref name="documents"/>' chunks in <paramref name="collection"/> that
    /// <paramref name="fresh"/> (the new chunks) do not replace.</summary>
    public async Task<List<PointId>> FindAsync(string collection, int dimension, List<string> documents, IReadOnlyList<VectorPoint> fresh, CancellationToken cancellationToken)
    {
        var results = (await SearchAsync(collection, dimension, documents, FirstLookupK, cancellationToken).ConfigureAwait(false)).ToArray();
        var full = Enumerable.Range(0, documents.Count).Where(i => results[i].Results.Count >= FirstLookupK).ToList();
        if (full.Count > 0 && options.Value.MaxChunksPerDocument > FirstLookupK)
        {
            // Only a document that filled the first answer may have more: ask again for every chunk it can have.
            var again = await SearchAsync(collection, dimension, full.Select(i => documents[i]).ToList(), options.Value.MaxChunksPerDocument, cancellationToken)
                .ConfigureAwait(false);
            for (var j = 0; j < full.Count; j++)
            {
                results[full[j]] = again[j];
            }
        }

        var replaced = fresh.Select(p => p.Id.Value).ToHashSet(StringComparer.Ordinal);
        return results.SelectMany(r => r.Results).Select(h => h.Id).Where(id => !replaced.Contains(id.Value)).ToList();
    }

    private Task<IReadOnlyList<VectorSearchResult>> SearchAsync(string collection, int dimension, List<string> documents, int k, CancellationToken cancellationToken)
    {
        // Any non-zero vector will do: the filter selects the points, the score is irrelevant.
        var probe = new float[dimension];
        probe[0] = 1;
        var deadline = time.GetUtcNow() + LookupDeadline;
        var searches = documents.Select(id => new VectorSearchRequest
        {
            Collection = collection,
            Vector = probe,
            K = k,
            Filter = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
            {
                ["document_id"] = JsonSerializer.SerializeToElement(id, IngestionJsonContext.Default.String),
            },
            Deadline = deadline,
        }).ToList();
        return pool.SearchBatchAsync(searches, cancellationToken);
    }
}
