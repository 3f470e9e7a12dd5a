using Microsoft.Extensions.Options;
using Trinity.Gateway.Errors;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Embeddings;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>
/// Writes documents into a collection of the vector pool: chunks each text by the served model's tokens, upserts the
/// chunks as points with <c>text</c> (the pool embeds them) and removes the chunks an earlier version of the document
/// left behind. Those are found by a filtered search on <c>document_id</c> rather than by a stored count, so a write
/// interrupted between the upsert and the delete is repaired by the next ingest of the same document.
/// </summary>
internal sealed class DocumentIngester(
    IVectorPool pool,
    ITextEmbedder embedder,
    IngestionTokenizer tokenizer,
    StaleChunkFinder staleChunks,
    CollectionLocks locks,
    IngestionMetrics metrics,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<DocumentIngester> logger)
{
    /// <summary>Documents chunked, looked up and written together: their stale-chunk searches share the pool's scans.</summary>
    private const int DocumentsPerBatch = 32;

    /// <summary>Returns the collection, created (cosine, the configured index, the embedder's dimension) when missing.</summary>
    public async Task<CollectionInfo> PrepareCollectionAsync(string name, CancellationToken cancellationToken)
    {
        CollectionInfo info;
        try
        {
            info = await GetOrCreateAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (VectorPoolException exception)
        {
            throw PoolErrors.ToPipeline(exception);
        }

        if (info.Dimension != embedder.Dimension)
        {
            throw PipelineErrors.Invalid(
                $"Collection '{name}' has dimension {info.Dimension}, but the embedder '{embedder.Name}' produces {embedder.Dimension}: ingest into another collection.",
                null,
                "dimension_mismatch");
        }

        return info;
    }

    /// <summary>Ingests every document of <paramref name="plan"/> in order, reporting into <paramref name="progress"/>
    /// after each batch; returns each document's chunk count.</summary>
    public async Task<IReadOnlyList<IngestedDocument>> IngestAsync(IngestPlan plan, IngestProgress progress, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var chunker = new TokenChunker(tokenizer.Resolve());
        using var lease = await locks.AcquireAsync(plan.Collection, cancellationToken).ConfigureAwait(false);
        var collection = await PrepareCollectionAsync(plan.Collection, cancellationToken).ConfigureAwait(false);
        var mayHoldDocuments = collection.Count > 0;
        var ingested = new List<IngestedDocument>(plan.Documents.Count);
        for (var first = 0; first < plan.Documents.Count; first += DocumentsPerBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(DocumentsPerBatch, plan.Documents.Count - first);
            var points = new List<VectorPoint>();
            for (var i = first; i < first + count; i++)
            {
                var chunkCount = AddPoints(plan, i, chunker, points);
                ingested.Add(new IngestedDocument(plan.Documents[i].Id!, chunkCount));
            }

            try
            {
                var stale = mayHoldDocuments
                    ? await staleChunks.FindAsync(plan.Collection, collection.Dimension, [.. plan.Documents.Skip(first).Take(count).Select(d => d.Id!)], points, cancellationToken).ConfigureAwait(false)
                    : [];
                var written = await UpsertAsync(plan.Collection, points, cancellationToken).ConfigureAwait(false);
                var deleted = stale.Count == 0 ? 0 : (await pool.DeletePointsAsync(plan.Collection, stale, cancellationToken).ConfigureAwait(false)).Count;
                progress.Add(count, written, deleted);
                metrics.Documents.Add(count);
                metrics.Chunks.Add(written);
                metrics.ChunksDeleted.Add(deleted);
            }
            catch (VectorPoolException exception)
            {
                throw PoolErrors.ToPipeline(exception);
            }
        }

        IngestionLog.Ingested(logger, plan.Documents.Count, plan.Collection, progress.ChunksWritten, progress.ChunksDeleted, (long)time.GetElapsedTime(started).TotalMilliseconds);
        return ingested;
    }

    private async Task<CollectionInfo> GetOrCreateAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await pool.GetCollectionAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (VectorPoolException missing) when (missing.StatusCode == 404)
        {
            var spec = new CollectionSpec { Name = name, Dimension = embedder.Dimension, Metric = VectorMetric.Cosine, Index = options.Value.Index, Nlist = options.Value.Nlist };
            try
            {
                var created = await pool.CreateCollectionAsync(spec, cancellationToken).ConfigureAwait(false);
                IngestionLog.CollectionCreated(logger, name, created.Dimension, created.Index.ToString().ToLowerInvariant());
                return created;
            }
            catch (VectorPoolException exists) when (exists.StatusCode == 409)
            {
                return await pool.GetCollectionAsync(name, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Chunks document <paramref name="index"/> and appends its points; returns its chunk count.</summary>
    private int AddPoints(IngestPlan plan, int index, TokenChunker chunker, List<VectorPoint> points)
    {
        var document = plan.Documents[index];
        var text = document.Text!;
        var chunks = chunker.Chunk(text, plan.ChunkTokens, plan.OverlapTokens, options.Value.MaxChunksPerDocument)
            ?? throw PipelineErrors.Invalid(
                $"Invalid 'documents[{index}].text': it makes more than {options.Value.MaxChunksPerDocument} chunks of {plan.ChunkTokens} tokens. Raise 'chunk_tokens' or split the document.",
                $"documents[{index}].text",
                "too_many_chunks");
        chunks.RemoveAll(c => !EmbeddableText.HasContent(text.AsSpan(c.Start, c.Length)));
        for (var i = 0; i < chunks.Count; i++)
        {
            points.Add(new VectorPoint
            {
                Id = ChunkPayload.ChunkId(document.Id!, i),
                Text = text.Substring(chunks[i].Start, chunks[i].Length),
                Payload = ChunkPayload.Build(document.Id!, text, chunks[i], i, chunks.Count, document.Metadata),
            });
        }

        return chunks.Count;
    }

    private async Task<long> UpsertAsync(string collection, List<VectorPoint> points, CancellationToken cancellationToken)
    {
        long written = 0;
        var size = options.Value.UpsertBatchPoints;
        for (var start = 0; start < points.Count; start += size)
        {
            var slice = points.GetRange(start, Math.Min(size, points.Count - start));
            written += (await pool.UpsertAsync(collection, slice, cancellationToken).ConfigureAwait(false)).Count;
        }

        return written;
    }
}
