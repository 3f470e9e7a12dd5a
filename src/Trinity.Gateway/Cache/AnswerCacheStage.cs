using Microsoft.Extensions.Options;
using Trinity.Gateway.Engines;
using Trinity.Gateway.OpenAi.Chat;
using Trinity.Gateway.OpenAi.Errors;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.Pipeline;
using Trinity.Gateway.Retrieval;
using Trinity.Tokenization;

namespace Trinity.Gateway.Cache;

/// <summary>
/// The answer cache as a stage of the chat handler: decides whether a request may use the cache, looks it up before
/// retrieval and admission (a hit needs neither the pool's retrieval nor an engine, so it is never refused for load),
/// answers hits, and stores generated answers. Reports <c>x-trinity-cache: hit|miss|bypass</c> and
/// <c>trinity.cache</c>.
/// </summary>
/// <remarks>A request bypasses the cache when the cache is disabled, when it says <c>answer_cache.enabled: false</c>,
/// when it asks for several choices (<c>n</c> &gt; 1), samples above <see cref="AnswerCacheOptions.MaxTemperature"/>,
/// samples with a <c>seed</c> (it asked for one particular sample), sets <c>ignore_eos</c> (benchmarks), or carries
/// tool results (live data).</remarks>
internal sealed class AnswerCacheStage(
    IAnswerCache cache,
    RetrievalPlanner retrieval,
    IOptions<AnswerCacheOptions> options,
    IOptions<GatewayOptions> gateway,
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
    /// <param name="model">The model that would answer.</param>
    /// <param name="deadline">The request's TTFT deadline.</param>
    public async Task<AnswerCacheLookup> LookupAsync(
        HttpContext context, ChatCompletionRequest request, IReadOnlyList<ChatMessage> messages, GenerationSettings settings, IServedModel model, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(model);
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

        // Answers grounded in retrieval are kept apart per collection (the request's or the model's default one).
        var query = new AnswerCacheQuery(model.Name, messages, retrieval.Plan(request.Retrieval, model.Name)?.Collection, threshold, deadline)
        {
            Stop = settings.Stop,
            MaxTokens = settings.MaxTokens ?? gateway.Value.DefaultMaxTokens,
        };
        var started = time.GetTimestamp();
        var hit = await cache.LookupAsync(query, context.RequestAborted).ConfigureAwait(false);
        var ms = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);
        if (hit is null)
        {
            Report(context, new CacheReport { Status = "miss", Ms = ms });
            return AnswerCacheLookup.Miss(this, query);
        }

        // Billed like a generated answer: the prompt as the client sent it, checked against the model's limits as
        // the request would have been.
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var prompt = model.Tokenizer.Encode(model.ChatTemplate.Render(messages, addGenerationPrompt: true));
        PlanBuilder.Build(model, [prompt], settings, gateway.Value, id, "messages", prompt.Length);
        Report(context, new CacheReport { Status = "hit", Tier = hit.Tier, Score = Math.Round(hit.Score, 4), Ms = ms });
        await CachedAnswerResponder.WriteAsync(context, hit.Answer, settings, id, model.Name, prompt.Length, time, logger).ConfigureAwait(false);
        return AnswerCacheLookup.Hit;
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
        if (!options.Value.Enabled)
        {
            return "disabled";
        }

        if (request.AnswerCache?.Enabled == false)
        {
            return "opted_out";
        }

        if (settings.N != 1)
        {
            return "n";
        }

        if (sampling.Temperature > options.Value.MaxTemperature)
        {
            return "temperature";
        }

        if (sampling.Seed is not null && sampling.Temperature > 0)
        {
            return "seed";
        }

        if (settings.IgnoreEos)
        {
            return "ignore_eos";
        }

        return messages.Any(m => m.Role == "tool") ? "tools" : null;
    }

    private static void Report(HttpContext context, CacheReport report)
    {
        RequestTimings.For(context).Cache = report;
        if (!context.Response.HasStarted)
        {
            context.Response.Headers[HeaderName] = report.Status;
        }
    }
}
