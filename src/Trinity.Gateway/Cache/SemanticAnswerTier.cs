using System.Text.Json;
using Microsoft.Extensions.Options;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Embeddings;

namespace Trinity.Gateway.Cache;

/// <summary>
/// The semantic tier's points in the shared vector pool: one point per cached answer in a cosine collection, its
/// text embedded by the pool's embedder, its payload (<see cref="CachePointPayload"/>) enough to serve the answer and
/// to rebuild the entry after a restart. Talks to the pool only through <see cref="IVectorPool"/>, so the same code
/// runs against the in-process pool and a remote one.
/// </summary>
internal sealed class SemanticAnswerTier(IVectorPool pool, IOptions<AnswerCacheOptions> options, IEnumerable<ITextEmbedder> embedders)
{
    /// <summary>Ids per delete call, well under the pool's per-request limit.</summary>
    private const int DeleteBatch = 1000;

    private readonly AnswerCacheOptions _options = options.Value;
    private int _dimension;

    public string Collection => _options.Collection;

    /// <summary>The configured dimension, else the gateway's embedder's (the pool's in the all-in-one mode).</summary>
    private int? ExpectedDimension => _options.Dimension > 0 ? _options.Dimension : embedders.LastOrDefault()?.Dimension;

    /// <summary>Opens the collection, creating it when missing; returns the number of points it holds.</summary>
    public async Task<long> EnsureCollectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var info = await pool.GetCollectionAsync(Collection, cancellationToken).ConfigureAwait(false);
            if (ExpectedDimension is { } expected && expected != info.Dimension)
            {
                throw new InvalidOperationException(
                    $"collection '{Collection}' has dimension {info.Dimension} but the embedder gives {expected}: delete the collection or set {AnswerCacheOptions.SectionName}:Dimension");
            }

            _dimension = info.Dimension;
            return info.Count;
        }
        catch (VectorPoolException exception) when (exception.StatusCode == 404)
        {
            await CreateAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
    }

    public async Task<IReadOnlyList<SemanticCandidate>> SearchAsync(CacheKey key, int k, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var result = await pool.SearchAsync(
            new VectorSearchRequest
            {
                Collection = Collection,
                Text = key.Prompt,
                K = k,
                Filter = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["namespace"] = JsonSerializer.SerializeToElement(key.Namespace, AnswerCacheJsonContext.Default.String) },
                Stage = SearchStage.Prefill,
                Deadline = deadline,
            },
            cancellationToken).ConfigureAwait(false);
        var candidates = new List<SemanticCandidate>(result.Results.Count);
        foreach (var hit in result.Results)
        {
            if (EntryOf(hit) is { } entry)
            {
                candidates.Add(new SemanticCandidate(entry, hit.Score));
            }
        }

        return candidates;
    }

    /// <summary>One throw-away text search (namespace "", which holds nothing), so that the first request's lookup
    /// does not pay for the first embedding, the first filtered search and, remotely, the first connection.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) =>
        SearchAsync(new CacheKey(string.Empty, string.Empty, string.Empty, string.Empty, null, "answer cache warm-up", string.Empty), 1, DateTimeOffset.MaxValue, cancellationToken);

    public Task UpsertAsync(CacheEntry entry, CancellationToken cancellationToken) =>
        pool.UpsertAsync(
            Collection,
            [new VectorPoint { Id = entry.Key.Id, Text = entry.Key.Prompt, Payload = JsonSerializer.SerializeToElement(CachePointPayload.From(entry), AnswerCacheJsonContext.Default.CachePointPayload) }],
            cancellationToken);

    public async Task DeleteAsync(IReadOnlyList<CacheEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var batch in entries.Select(e => (PointId)e.Key.Id).Chunk(DeleteBatch))
        {
            await pool.DeletePointsAsync(Collection, batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every point, for rebuilding the in-memory index at start. The pool has no listing call, so this is one
    /// filter-less search of k = the point count (at most <see cref="VectorSearchRequest.MaxK"/>) with an arbitrary
    /// vector: a flat cosine collection returns every point.</summary>
    public async Task<IReadOnlyList<CacheEntry>> LoadAsync(long count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        var probe = new float[_dimension];
        probe[0] = 1;
        var result = await pool.SearchAsync(
            new VectorSearchRequest { Collection = Collection, Vector = probe, K = (int)Math.Min(count, VectorSearchRequest.MaxK), Stage = SearchStage.Prefill },
            cancellationToken).ConfigureAwait(false);
        return [.. result.Results.Select(EntryOf).OfType<CacheEntry>()];
    }

    /// <summary>Drops the collection and starts an empty one (which also removes points no gateway knows of);
    /// returns how many points it held.</summary>
    public async Task<long> ResetAsync(CancellationToken cancellationToken)
    {
        var count = 0L;
        try
        {
            count = (await pool.GetCollectionAsync(Collection, cancellationToken).ConfigureAwait(false)).Count;
            await pool.DeleteCollectionAsync(Collection, cancellationToken).ConfigureAwait(false);
        }
        catch (VectorPoolException exception) when (exception.StatusCode == 404)
        {
            // Already gone: recreate below.
        }

        await CreateAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        var dimension = ExpectedDimension
            ?? throw new InvalidOperationException($"{AnswerCacheOptions.SectionName}:Dimension must be set when the gateway has no text embedder");
        try
        {
            var info = await pool.CreateCollectionAsync(new CollectionSpec { Name = Collection, Dimension = dimension, Metric = VectorMetric.Cosine, Index = IndexKind.Flat }, cancellationToken)
                .ConfigureAwait(false);
            _dimension = info.Dimension;
        }
        catch (VectorPoolException exception) when (exception.StatusCode == 409)
        {
            // Another gateway (or a concurrent reset) created it first.
            _dimension = (await pool.GetCollectionAsync(Collection, cancellationToken).ConfigureAwait(false)).Dimension;
        }
    }

    /// <summary>The entry a point stands for; null for a point this cache did not write (skipped, never served).</summary>
    private static CacheEntry? EntryOf(VectorHit hit)
    {
        try
        {
            return hit.Payload is { ValueKind: JsonValueKind.Object } payload
                ? payload.Deserialize(AnswerCacheJsonContext.Default.CachePointPayload)?.ToEntry()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
