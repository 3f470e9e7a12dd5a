namespace Trinity.Gateway.Cache;

/// <summary>The cache's life outside requests: opening the semantic tier and rebuilding the index from it, sweeping
/// expired answers, invalidation.</summary>
internal sealed partial class AnswerCache
{
    private readonly TaskCompletionSource _firstInitialization = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _semanticReady;

    /// <summary>Completes when the first initialization has run (whether or not the pool could be reached).</summary>
    public Task Initialized => _firstInitialization.Task;

    /// <summary>Opens (or creates) the collection and adopts the answers it holds, oldest first, dropping expired ones
    /// and those past the cap. Called at start and, while the pool is unreachable, again at every sweep.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled || !_options.SemanticEnabled || _semanticReady)
        {
            _firstInitialization.TrySetResult();
            return;
        }

        try
        {
            var count = await _semantic.EnsureCollectionAsync(cancellationToken).ConfigureAwait(false);
            var points = await _semantic.LoadAsync(count, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var dropped = new List<CacheEntry>();
            foreach (var entry in points.OrderBy(e => e.CreatedAt))
            {
                if (entry.IsExpired(now, _index.Ttl))
                {
                    dropped.Add(entry);
                    continue;
                }

                dropped.AddRange(_index.Adopt(entry, out _));
            }

            _semanticReady = true;
            await DeleteQuietlyAsync(dropped, cancellationToken).ConfigureAwait(false);
            await _semantic.WarmUpAsync(cancellationToken).ConfigureAwait(false);
            _guard.Check("answer cache warm-up", "answer cache warm-up");
            AnswerCacheLog.Ready(_logger, _semantic.Collection, points.Count - dropped.Count, dropped.Count);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            AnswerCacheLog.SemanticUnavailable(_logger, _semantic.Collection, exception);
        }
        finally
        {
            _firstInitialization.TrySetResult();
        }
    }

    /// <summary>Drops expired answers; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var expired = _index.RemoveExpired(_time.GetUtcNow());
        _metrics.Evicted(expired.Count, "expired");
        if (expired.Count > 0)
        {
            AnswerCacheLog.Swept(_logger, expired.Count);
        }

        await DeleteQuietlyAsync(expired, cancellationToken).ConfigureAwait(false);
        return expired.Count;
    }

    /// <summary>Drops the answers <paramref name="filter"/> matches, from memory and from the pool; returns how many.</summary>
    public async Task<long> InvalidateAsync(InvalidationFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var removed = _index.RemoveWhere(filter.Matches);
        _metrics.Evicted(removed.Count, "invalidated");
        if (_semanticReady)
        {
            await _semantic.DeleteAsync(removed, cancellationToken).ConfigureAwait(false);
        }

        AnswerCacheLog.Invalidated(_logger, removed.Count, filter.ToString());
        return removed.Count;
    }

    /// <summary>Drops every answer: the index, and the collection (recreated empty, so that points written by another
    /// gateway or left over past the restore limit go too); returns how many answers there were.</summary>
    public async Task<long> ClearAsync(CancellationToken cancellationToken)
    {
        var removed = _index.Clear();
        var points = 0L;
        if (await SemanticReadyAsync(cancellationToken).ConfigureAwait(false))
        {
            points = await _semantic.ResetAsync(cancellationToken).ConfigureAwait(false);
        }

        var count = Math.Max(removed.Count, points);
        _metrics.Evicted((int)Math.Min(count, int.MaxValue), "invalidated");
        AnswerCacheLog.Invalidated(_logger, count, "everything");
        return count;
    }

    /// <summary>Whether pool writes and searches can go ahead, after the first initialization has had its chance.</summary>
    private async Task<bool> SemanticReadyAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled || !_options.SemanticEnabled)
        {
            return false;
        }

        await _firstInitialization.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _semanticReady;
    }

    /// <summary>Deletes dropped answers' points after the request that dropped them has moved on.</summary>
    private void Forget(List<CacheEntry> entries, string reason)
    {
        if (entries.Count == 0)
        {
            return;
        }

        _metrics.Evicted(entries.Count, reason);
        _writes.Start(() => DeleteQuietlyAsync(entries, CancellationToken.None));
    }

    private async Task DeleteQuietlyAsync(List<CacheEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0 || !_semanticReady)
        {
            return;
        }

        try
        {
            await _semantic.DeleteAsync(entries, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AnswerCacheLog.DeleteFailed(_logger, entries.Count, exception);
        }
    }
}
