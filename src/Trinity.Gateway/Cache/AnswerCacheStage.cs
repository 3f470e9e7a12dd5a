using Microsoft.Extensions.Options;
using Trinity.Gateway.Errors;
using Trinity.Tokenization;

namespace Trinity.Gateway.Cache;

/// <summary>
/// The answer cache as a stage of the request pipeline: decides whether a request may use the cache, looks it up
/// before retrieval and admission (a hit needs neither the pool's retrieval nor an engine, so it is never refused for
/// load), and stores generated answers. What it did is reported as <c>x-trinity-cache: hit|miss|bypass</c> and
/// <c>trinity.cache</c> by the protocol handlers.
/// </summary>
/// <remarks>A request bypasses the cache when the cache is disabled, when it says <c>answer_cache.enabled: false</c>,
/// when it asks for several choices (<c>n</c> &gt; 1), samples above <see cref="AnswerCacheOptions.MaxTemperature"/>,
/// samples with a <c>seed</c> (it asked for one particular sample), sets <c>ignore_eos</c> (benchmarks), or carries
/// tool results (live data).</remarks>
internal sealed class AnswerCacheStage(
    IAnswerCache cache,
    IOptions<AnswerCacheOptions> options,
    AnswerCacheMetrics metrics,
    PendingWrites writes,
    TimeProvider time,
    IHostApplicationLifetime lifetime)
{
    public const string HeaderName = "x-trinity-cache";

    /// <summary>Looks the request up.</summary>
    /// <param name="request">The request's <c>answer_cache</c> field, or null.</param>
    /// <param name="query">What to look up: the conversation as the client sent it, the collection retrieval would
    /// ground it in, the TTFT deadline, the stop strings and the token limit.</param>
    /// <param name="eligibility">The settings that may rule the cache out.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<AnswerCacheLookup> LookupAsync(
        AnswerCacheRequest? request, AnswerCacheQuery query, AnswerCacheEligibility eligibility, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var threshold = request?.Threshold;
        if (threshold is { } t && t is not (> 0 and <= 1))
        {
            throw PipelineErrors.OutOfRange("answer_cache.threshold", "a number in (0, 1]", t);
        }

        if (BypassReason(request, query.Messages, eligibility) is { } reason)
        {
            metrics.Bypassed(reason);
            return new AnswerCacheLookup(new CacheReport { Status = "bypass" }, null, null);
        }

        query = query with { Threshold = threshold };
        var started = time.GetTimestamp();
        var hit = await cache.LookupAsync(query, cancellationToken).ConfigureAwait(false);
        var ms = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);
        return hit is null
            ? new AnswerCacheLookup(new CacheReport { Status = "miss", Ms = ms }, null, query)
            : new AnswerCacheLookup(new CacheReport { Status = "hit", Tier = hit.Tier, Score = Math.Round(hit.Score, 4), Ms = ms }, hit, null);
    }

    /// <summary>Completes when every answer handed to <see cref="Store"/> so far is written (for shutdown and tests).</summary>
    public Task WhenIdleAsync() => writes.WhenIdleAsync();

    /// <summary>Stores a generated answer in the background; failures are the cache's to log.</summary>
    public void Store(AnswerCacheQuery query, CachedAnswer answer) =>
        writes.Start(() => cache.StoreAsync(query, answer, lifetime.ApplicationStopping));

    /// <summary>Why the request must not use the cache, or null when it may.</summary>
    private string? BypassReason(AnswerCacheRequest? request, IReadOnlyList<ChatMessage> messages, AnswerCacheEligibility settings)
    {
        if (!options.Value.Enabled)
        {
            return "disabled";
        }

        if (request?.Enabled == false)
        {
            return "opted_out";
        }

        if (settings.Choices != 1)
        {
            return "n";
        }

        if (settings.Temperature > options.Value.MaxTemperature)
        {
            return "temperature";
        }

        if (settings.Seed is not null && settings.Temperature > 0)
        {
            return "seed";
        }

        if (settings.IgnoreEos)
        {
            return "ignore_eos";
        }

        return messages.Any(m => m.Role == "tool") ? "tools" : null;
    }
}
