using System.Text.Json;
using Microsoft.Extensions.Options;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Collections;
using Trinity.VectorGpu.Embeddings;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Hosting;

/// <summary>
/// The in-process <see cref="IVectorPool"/>: validates, writes durably, and hands searches to the iteration
/// loop through a bounded channel.
/// </summary>
internal sealed class VectorPool : IVectorPool
{
    /// <summary>Longest text embedded for a point or a query; longer texts are chunked by the caller.</summary>
    public const int MaxTextLength = 65_536;

    private readonly CollectionRegistry _registry;
    private readonly ITextEmbedder _embedder;
    private readonly VectorPoolQueue _queue;
    private readonly VectorPoolOptions _options;
    private readonly TimeProvider _time;
    private int _inFlight;

    public VectorPool(CollectionRegistry registry, ITextEmbedder embedder, VectorPoolQueue queue, IOptions<VectorPoolOptions> options, TimeProvider time)
    {
        _registry = registry;
        _embedder = embedder;
        _queue = queue;
        _options = options.Value;
        _time = time;
    }

    public Task<CollectionInfo> CreateCollectionAsync(CollectionSpec spec, CancellationToken cancellationToken)
    {
        RequestValidator.CollectionSpec(spec);
        return Task.FromResult(_registry.Create(spec).Info());
    }

    public Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CollectionInfo>>(_registry.All.Select(c => c.Info()).ToList());

    public Task<CollectionInfo> GetCollectionAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_registry.Get(name).Info());

    public Task DeleteCollectionAsync(string name, CancellationToken cancellationToken)
    {
        _registry.Delete(name);
        return Task.CompletedTask;
    }

    public async Task<UpsertResult> UpsertAsync(string collection, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken)
    {
        var target = _registry.Get(collection);
        if (points is null || points.Count == 0 || points.Count > _options.MaxPointsPerRequest)
        {
            throw VectorPoolException.Invalid($"'points' must hold 1 to {_options.MaxPointsPerRequest} points", "points");
        }

        var stored = new List<StoredPoint>(points.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i] ?? throw VectorPoolException.Invalid($"points[{i}] is null", $"points[{i}]");
            RequestValidator.PointId(point.Id, $"points[{i}].id");
            if (!seen.Add(point.Id.Value))
            {
                throw VectorPoolException.Invalid($"id '{point.Id.Value}' appears more than once in this upsert", $"points[{i}].id", "duplicate_id");
            }

            var vector = VectorOf(point.Vector, point.Text, target, $"points[{i}]");
            var payload = point.Payload is { } element ? JsonSerializer.SerializeToUtf8Bytes(element, VectorPoolJsonContext.Default.JsonElement) : null;
            stored.Add(new StoredPoint(point.Id.Value, target.Prepare(vector).AsSpan(0, target.Spec.Dimension).ToArray(), payload));
        }

        var position = target.Upsert(stored);
        await target.FlushAsync(position).ConfigureAwait(false);
        return new UpsertResult { Count = stored.Count };
    }

    public async Task<UpsertResult> DeletePointsAsync(string collection, IReadOnlyList<PointId> ids, CancellationToken cancellationToken)
    {
        var target = _registry.Get(collection);
        if (ids is null || ids.Count == 0 || ids.Count > _options.MaxPointsPerRequest)
        {
            throw VectorPoolException.Invalid($"'ids' must hold 1 to {_options.MaxPointsPerRequest} ids", "ids");
        }

        for (var i = 0; i < ids.Count; i++)
        {
            RequestValidator.PointId(ids[i], $"ids[{i}]");
        }

        var (position, deleted) = target.Delete(ids.Select(id => id.Value).Distinct(StringComparer.Ordinal).ToList());
        await target.FlushAsync(position).ConfigureAwait(false);
        return new UpsertResult { Count = deleted };
    }

    public async Task<VectorSearchResult> SearchAsync(VectorSearchRequest request, CancellationToken cancellationToken)
    {
        var pending = Prepare(request, "");
        Interlocked.Increment(ref _inFlight);
        return await SubmitAndWaitAsync(pending, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<VectorSearchResult>> SearchBatchAsync(IReadOnlyList<VectorSearchRequest> requests, CancellationToken cancellationToken)
    {
        if (requests is null || requests.Count is 0 or > 1024)
        {
            throw VectorPoolException.Invalid("'searches' must hold 1 to 1024 queries", "searches");
        }

        var pending = requests.Select((r, i) => Prepare(r, $"searches[{i}].")).ToList();

        // Counted in flight together, so that none of them polls for its answer while the rest wait to be sent.
        Interlocked.Add(ref _inFlight, pending.Count);
        var answers = pending.Select(p => SubmitAndWaitAsync(p, cancellationToken)).ToList();
        return await Task.WhenAll(answers).ConfigureAwait(false);
    }

    /// <summary>Searches sent and not yet answered, failed or cancelled (a lone one polls for its answer).</summary>
    internal int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Waits until a collection's IVF training (if any) is installed; for benchmarks and tests.</summary>
    internal Task WaitForIndexAsync(string collection) => _registry.Get(collection).WaitForIndexAsync();

    /// <summary>Sends a search counted in <see cref="_inFlight"/> by the caller and waits for its answer; uncounts it when done.</summary>
    private async Task<VectorSearchResult> SubmitAndWaitAsync(PendingSearch pending, CancellationToken cancellationToken)
    {
        try
        {
            using var registration = cancellationToken.Register(static state =>
            {
                var p = (PendingSearch)state!;
                p.Cancelled = true;
                p.Scheduled?.Cancel();
                p.Completion.TrySetCanceled();
            }, pending);
            await _queue.Channel.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _inFlight) == 1)
            {
                SpinForAnswer(pending.Completion.Task);
            }

            return await pending.Completion.Task.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>
    /// Polls a lone search's answer for up to <see cref="VectorPoolOptions.AnswerSpinMicroseconds"/>: the loop completes
    /// answers asynchronously, and handing the continuation to a sleeping pool thread costs more than a small graph
    /// search (~30 µs here). Stops as soon as another search starts, so callers under load never spin.
    /// </summary>
    private void SpinForAnswer(Task answer) =>
        BoundedSpin.Until((Answer: answer, Pool: this), static s => s.Answer.IsCompleted || Volatile.Read(ref s.Pool._inFlight) != 1, _options.AnswerSpinMicroseconds);

    private PendingSearch Prepare(VectorSearchRequest request, string prefix)
    {
        if (request is null)
        {
            throw VectorPoolException.Invalid("a search must be a JSON object", prefix.TrimEnd('.'));
        }

        var collection = _registry.Get(request.Collection);
        RequestValidator.K(request.K);
        if (request.Nprobe is < 1 or > 65536)
        {
            throw VectorPoolException.Invalid("'nprobe' must be 1 to 65536", prefix + "nprobe");
        }

        if (request.Ef is < 1 or > 4096)
        {
            throw VectorPoolException.Invalid("'ef' must be 1 to 4096", prefix + "ef");
        }

        if (!Enum.IsDefined(request.Stage))
        {
            throw VectorPoolException.Invalid("'stage' must be 'prefill' or 'decode'", prefix + "stage");
        }

        if (request.Filter is { Count: > 64 })
        {
            throw VectorPoolException.Invalid("'filter' may have at most 64 fields", prefix + "filter");
        }

        var vector = VectorOf(request.Vector, request.Text, collection, prefix.TrimEnd('.'));
        var now = _time.GetUtcNow();
        var budget = request.Stage == SearchStage.Decode ? _options.DecodeDeadlineMs : _options.PrefillDeadlineMs;
        var deadline = request.Deadline ?? now.AddMilliseconds(budget);
        var filter = request.Filter is { Count: > 0 } conditions ? new PayloadFilter(conditions) : null;
        return new PendingSearch(collection, collection.Prepare(vector), request.K, filter, request.Nprobe ?? _options.DefaultNprobe, request.Stage, now, deadline, request.Ef ?? _options.DefaultEf);
    }

    private float[] VectorOf(float[]? vector, string? text, Collection collection, string param)
    {
        var prefix = param.Length == 0 ? "" : param + ".";
        if ((vector is null) == (text is null))
        {
            throw VectorPoolException.Invalid($"give exactly one of '{prefix}vector' and '{prefix}text'", prefix + "vector");
        }

        if (text is not null)
        {
            if (text.Length > MaxTextLength)
            {
                throw VectorPoolException.Invalid($"'{prefix}text' is longer than {MaxTextLength} characters", prefix + "text", "text_too_long");
            }

            if (_embedder.Dimension != collection.Spec.Dimension)
            {
                throw VectorPoolException.Invalid(
                    $"'{prefix}text' needs a collection of dimension {_embedder.Dimension} (the embedder's); '{collection.Name}' has {collection.Spec.Dimension}",
                    prefix + "text",
                    "dimension_mismatch");
            }

            vector = new float[_embedder.Dimension];
            _embedder.Embed(text, vector);
            if (Array.TrueForAll(vector, x => x == 0))
            {
                throw VectorPoolException.Invalid($"'{prefix}text' has no words to embed", prefix + "text", "invalid_text");
            }
        }

        RequestValidator.Vector(vector, collection.Spec.Dimension, collection.Spec.Metric, prefix + "vector");
        return vector!;
    }
}
