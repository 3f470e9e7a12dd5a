using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Cache;

/// <summary>
/// The answer cache (<see cref="IAnswerCache"/>): the exact tier in memory, the semantic tier in the vector pool
/// (searched at the prefill stage within the request's TTFT deadline and <see cref="AnswerCacheOptions.LookupBudgetMs"/>,
/// candidates filtered by <see cref="PromptGuard"/>), one LRU order and one time-to-live over both.
/// </summary>
internal sealed partial class AnswerCache : IAnswerCache
{
    private readonly AnswerCacheOptions _options;
    private readonly AnswerCacheIndex _index;
    private readonly SemanticAnswerTier _semantic;
    private readonly PromptGuard _guard;
    private readonly AnswerCacheMetrics _metrics;
    private readonly PendingWrites _writes;
    private readonly TimeProvider _time;
    private readonly ILogger<AnswerCache> _logger;

    public AnswerCache(
        IOptions<AnswerCacheOptions> options,
        SemanticAnswerTier semantic,
        AnswerCacheMetrics metrics,
        PendingWrites writes,
        TimeProvider time,
        ILogger<AnswerCache> logger)
    {
        _options = options.Value;
        _index = new AnswerCacheIndex(_options.MaxEntries, TimeSpan.FromSeconds(_options.TtlSeconds));
        _semantic = semantic;
        _guard = new PromptGuard(_options.MaxWordDifference, _options.GuardContentWords);
        _metrics = metrics;
        _writes = writes;
        _time = time;
        _logger = logger;
        metrics.ObserveEntries(() => _index.Count);
    }

    public int Count => _index.Count;

    public async Task<AnswerCacheHit?> LookupAsync(AnswerCacheQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var started = _time.GetTimestamp();
        var key = CacheKeyBuilder.Build(query);
        var hit = LookupExact(key, query) ?? await LookupSemanticAsync(key, query, cancellationToken).ConfigureAwait(false);
        _metrics.Duration(_time.GetElapsedTime(started), hit is not null);
        return hit;
    }

    public async Task StoreAsync(AnswerCacheQuery query, CachedAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.FinishReason is not ("stop" or "length") || answer.Text.Length == 0)
        {
            return;
        }

        var entry = new CacheEntry(CacheKeyBuilder.Build(query), answer, _time.GetUtcNow());
        var evicted = _index.Add(entry);
        _metrics.Stored();
        _metrics.Evicted(evicted.Count, "lru");
        if (!await SemanticReadyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (entry.Key.Prompt.Length > 0)
        {
            try
            {
                await _semantic.UpsertAsync(entry, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                AnswerCacheLog.StoreFailed(_logger, exception);
            }
        }

        await DeleteQuietlyAsync(evicted, cancellationToken).ConfigureAwait(false);
    }

    private AnswerCacheHit? LookupExact(CacheKey key, AnswerCacheQuery query)
    {
        var entry = _index.Get(key.Id, _time.GetUtcNow(), out var expired);
        if (expired is not null)
        {
            Forget([expired], "expired");
        }

        if (entry is null || !entry.Fits(query.MaxTokens))
        {
            _metrics.Lookup("exact", "miss");
            return null;
        }

        _metrics.Lookup("exact", "hit");
        AnswerCacheLog.Hit(_logger, "exact", 1);
        return new AnswerCacheHit(entry.Answer, "exact", 1);
    }

    private async Task<AnswerCacheHit?> LookupSemanticAsync(CacheKey key, AnswerCacheQuery query, CancellationToken cancellationToken)
    {
        if (!_options.SemanticEnabled || key.Prompt.Length == 0)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        var budget = TimeSpan.FromMilliseconds(_options.LookupBudgetMs);
        if (query.Deadline - now < budget)
        {
            budget = query.Deadline - now;
        }

        IReadOnlyList<SemanticCandidate> candidates;
        using var timeout = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : TimeSpan.Zero, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            linked.Token.ThrowIfCancellationRequested();
            if (!await SemanticReadyAsync(linked.Token).ConfigureAwait(false))
            {
                _metrics.Lookup("semantic", "error");
                return null;
            }

            candidates = await _semantic.SearchAsync(key, _options.Candidates, now + budget, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _metrics.Lookup("semantic", "timeout");
            AnswerCacheLog.LookupTimedOut(_logger, budget.TotalMilliseconds);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _metrics.Lookup("semantic", "error");
            AnswerCacheLog.LookupFailed(_logger, exception.Message);
            return null;
        }

        return Choose(key, query, candidates, now);
    }

    /// <summary>The best candidate over the threshold that is fresh, fits the request's token limit and passes the
    /// guard; it becomes the most recently used entry (adopted into the index after a restart).</summary>
    private AnswerCacheHit? Choose(CacheKey key, AnswerCacheQuery query, IReadOnlyList<SemanticCandidate> candidates, DateTimeOffset now)
    {
        var threshold = query.Threshold ?? _options.Threshold;
        var rejected = false;
        var expired = new List<CacheEntry>();
        AnswerCacheHit? hit = null;
        foreach (var (candidate, score) in candidates)
        {
            if (score < threshold)
            {
                break;
            }

            if (candidate.IsExpired(now, _index.Ttl))
            {
                expired.Add(candidate);
                continue;
            }

            if (!candidate.Fits(query.MaxTokens))
            {
                continue;
            }

            // The same conversation (its exact entry was lost to a restart) needs no guard.
            var verdict = candidate.Key.Id == key.Id ? GuardVerdict.Accept : _guard.Check(candidate.Key.Prompt, key.Prompt);
            if (!verdict.Accepted)
            {
                rejected = true;
                AnswerCacheLog.GuardRejected(_logger, score, verdict);
                continue;
            }

            if (_index.Get(candidate.Key.Id, now, out _) is not { } known)
            {
                known = candidate;
                Forget(_index.Adopt(candidate, out _), "lru");
            }

            hit = new AnswerCacheHit(known.Answer, "semantic", score);
            break;
        }

        if (expired.Count > 0)
        {
            var ids = expired.Select(e => e.Key.Id).ToHashSet(StringComparer.Ordinal);
            _index.RemoveWhere(e => ids.Contains(e.Key.Id));
            Forget(expired, "expired");
        }

        _metrics.Lookup("semantic", hit is not null ? "hit" : rejected ? "rejected" : "miss");
        if (hit is not null)
        {
            AnswerCacheLog.Hit(_logger, "semantic", hit.Score);
        }

        return hit;
    }
}
