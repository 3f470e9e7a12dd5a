using Microsoft.Extensions.Options;
using Trinity.Engine.Model.Tokenization;
using Trinity.Gateway.OpenAi.Chat;
using Trinity.Gateway.OpenAi.Errors;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.Pipeline;

namespace Trinity.Gateway.Cache;

/// <summary>
/// The answer cache as a stage of the chat handler: decides whether a request may use the cache, looks it up before
/// admission (a hit needs no engine, so it is never refused for load), answers hits, and stores generated answers.
/// Reports <c>x-trinity-cache: hit|miss|bypass</c> and <c>trinity.cache</c>.
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
    IHostApplicationLifetime lifetime,
    ILogger<AnswerCacheStage> logger)
{
    public const string HeaderName = "x-trinity-cache";

    /// <summary>Looks the request up; on a hit the response is written before this returns.</summary>
    /// <param name="context">The HTTP exchange.</param>
    /// <param name="request">The request as read (its <c>answer_cache</c> and <c>retrieval</c> fields).</param>
    /// <param name="messages">The validated conversation, before retrieval adds to it.</param>
    /// <param name="settings">Validated generation settings.</param>
    /// <param name="plan">The generation plan (model, prompt tokens, effective token limit).</param>
    /// <param name="id">The response id.</param>
    /// <param name="deadline">The request's TTFT deadline.</param>
    public async Task<AnswerCacheLookup> LookupAsync(
        HttpContext context, ChatCompletionRequest request, IReadOnlyList<ChatMessage> messages, GenerationSettings settings, GenerationPlan plan, string id, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(plan);
        var threshold = request.AnswerCache?.Threshold;
        if (threshold is { } t && t is not (> 0 and <= 1))
        {
            throw OpenAiErrors.OutOfRange("answer_cache.threshold", "a number in (0, 1]", t);
        }

        if (BypassReason(request, messages, settings) is { } reason)
        {
            metrics.Bypassed(reason);
            Report(context, new CacheReport { Status = "bypass" });
            return AnswerCacheLookup.Bypass;
        }

        var query = new AnswerCacheQuery(plan.Model.Name, messages, CollectionOf(request.Retrieval), threshold, deadline)
        {
            Stop = settings.Stop,
            MaxTokens = plan.Sequences[0].MaxTokens,
        };
        var started = time.GetTimestamp();
        var hit = await cache.LookupAsync(query, context.RequestAborted).ConfigureAwait(false);
        var ms = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);
        if (hit is null)
        {
            Report(context, new CacheReport { Status = "miss", Ms = ms });
            return new AnswerCacheLookup(this, query);
        }

        Report(context, new CacheReport { Status = "hit", Tier = hit.Tier, Score = Math.Round(hit.Score, 4), Ms = ms });
        await CachedAnswerResponder.WriteAsync(context, hit.Answer, settings, id, plan.Model.Name, plan.PromptTokens, time, logger).ConfigureAwait(false);
        return new AnswerCacheLookup(null, null, answered: true);
    }

    /// <summary>Completes when every answer handed to <see cref="Store"/> so far is written (for shutdown and tests).</summary>
    public Task WhenIdleAsync() => writes.WhenIdleAsync();

    /// <summary>Stores a generated answer in the background; failures are the cache's to log.</summary>
    internal void Store(AnswerCacheQuery query, CachedAnswer answer) =>
        writes.Start(() => cache.StoreAsync(query, answer, lifetime.ApplicationStopping));

    /// <summary>Why the request must not use the cache, or null when it may.</summary>
    private string? BypassReason(ChatCompletionRequest request, IReadOnlyList<ChatMessage> messages, GenerationSettings settings)
    {
        var sampling = settings.Sampling;
        return true switch
        {
            _ when !options.Value.Enabled => "disabled",
            _ when request.AnswerCache?.Enabled == false => "opted_out",
            _ when settings.N != 1 => "n",
            _ when sampling.Temperature > options.Value.MaxTemperature => "temperature",
            _ when sampling.Seed is not null && sampling.Temperature > 0 => "seed",
            _ when settings.IgnoreEos => "ignore_eos",
            _ when messages.Any(m => m.Role == "tool") => "tools",
            _ => null,
        };
    }

    /// <summary>Answers grounded in retrieval are kept apart per collection, and apart from ungrounded ones even when
    /// the request leaves the collection to the model's default.</summary>
    private static string? CollectionOf(RetrievalRequest? retrieval) =>
        retrieval is null ? null : retrieval.Collection ?? "(default)";

    private static void Report(HttpContext context, CacheReport report)
    {
        RequestTimings.For(context).Cache = report;
        if (!context.Response.HasStarted)
        {
            context.Response.Headers[HeaderName] = report.Status;
        }
    }
}
