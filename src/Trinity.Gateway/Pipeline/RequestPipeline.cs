using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Options;
using Trinity.Contracts;
using Trinity.Gateway.Cache;
using Trinity.Gateway.Diagnostics;
using Trinity.Gateway.Retrieval;
using Trinity.Gateway.Scheduling;
using Trinity.Gateway.Tenancy;
using Trinity.Tokenization;

namespace Trinity.Gateway.Pipeline;

/// <summary>
/// The one request pipeline of chat and text completions, free of any protocol: SLO deadlines → answer cache lookup
/// → retrieval (planned once) → chat template and tokenisation → admission → generation → answer cache store.
/// Conversations go through every stage; tokenised prompts skip the cache and retrieval, which work on
/// conversations. Errors are <see cref="Errors.PipelineException"/>s, written by the protocol's error boundary.
/// </summary>
internal sealed class RequestPipeline(
    AdmissionGate admission,
    AnswerCacheStage answerCache,
    RetrievalPlanner retrievalPlanner,
    RetrievalStage retrieval,
    GenerationPipeline generation,
    TenantRateLimits rateLimits,
    IOptions<GatewayOptions> options,
    TimeProvider time)
{
    private readonly GatewayOptions _options = options.Value;

    /// <summary>Runs the stages up to admission; the returned run streams the generation (or the cached answer).</summary>
    public async Task<PipelineRun> StartAsync(PipelineRequest request, RequestTimings timings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(timings);
        var model = request.Model;
        var deadlines = admission.Deadlines(request.SloPolicy, request.Route, model.Name, time.GetUtcNow() - timings.Elapsed);
        timings.SloPolicy = deadlines.Policy;
        GenerationPlan plan;
        AnswerCacheQuery? storeUnder = null;
        if (request.Messages is { } messages)
        {
            var retrievalPlan = retrievalPlanner.Plan(request.Retrieval, model.Name, request.Tenant);
            var lookup = Cacheable(request, messages)
                ? await LookupAsync(request, messages, retrievalPlan, deadlines, cancellationToken).ConfigureAwait(false)
                : null;
            timings.Cache = lookup?.Report;
            if (lookup?.Hit is { } hit)
            {
                return Answered(request, messages, hit.Answer, timings);
            }

            storeUnder = lookup?.StoreUnder;
            var grounding = await retrieval.RunAsync(retrievalPlan, messages, deadlines, cancellationToken).ConfigureAwait(false);
            timings.Retrieval = grounding.Report;
            plan = Ground(Plan(request, [Render(model, grounding.Messages, request.ToolsJson)]), grounding.DuringDecode);
        }
        else
        {
            plan = Plan(request, request.Prompts ?? []);
        }

        // The tenant's token window is charged before admission, so that a tenant over its budget takes no engine slot.
        var reservation = rateLimits.ReserveTokens(request.Tenant, Reservation(plan));
        SloTicket ticket;
        try
        {
            ticket = admission.Admit(deadlines, model.Name, plan.PromptTokens);
        }
        catch
        {
            reservation.Settle(0);
            throw;
        }

        plan = plan with { Slo = ticket };
        var events = Settle(generation.RunAsync(plan, timings, cancellationToken), reservation, plan.PromptTokens);
        if (storeUnder is not null)
        {
            events = CaptureAsync(events, storeUnder);
        }

        return new PipelineRun(plan.PromptTokens, plan.Sequences.Count, fromCache: false, events, ticket);
    }

    private async Task<AnswerCacheLookup?> LookupAsync(
        PipelineRequest request, IReadOnlyList<ChatMessage> messages, RetrievalPlan? retrievalPlan, SloDeadlines deadlines, CancellationToken cancellationToken)
    {
        var settings = request.Settings;
        // Answers grounded in retrieval are kept apart per collection (the request's or the model's default one).
        var query = new AnswerCacheQuery(request.Model.Name, messages, retrievalPlan?.Collection, null, deadlines.FirstToken)
        {
            Stop = settings.Stop,
            MaxTokens = settings.MaxTokens ?? _options.DefaultMaxTokens,
            Partition = request.Tenant.CacheGroup,
        };
        var eligibility = new AnswerCacheEligibility(settings.N, settings.Sampling.Temperature, settings.Sampling.Seed, settings.IgnoreEos);
        return await answerCache.LookupAsync(request.AnswerCache, query, eligibility, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A cache hit, billed like a generated answer: the prompt as the client sent it, checked against the
    /// model's limits as the request would have been; neither retrieval nor admission (it needs no engine).</summary>
    private PipelineRun Answered(PipelineRequest request, IReadOnlyList<ChatMessage> messages, CachedAnswer answer, RequestTimings timings)
    {
        var plan = Plan(request, [Render(request.Model, messages, request.ToolsJson)]);
        timings.FirstToken();
        timings.Finished();
        return new PipelineRun(plan.PromptTokens, 1, fromCache: true, Replay(answer), null);
    }

    private GenerationPlan Plan(PipelineRequest request, IReadOnlyList<int[]> prompts)
    {
        var chat = request.Messages is not null;
        var billed = 0;
        foreach (var prompt in prompts)
        {
            billed += prompt.Length;
        }

        return PlanBuilder.Build(request.Model, prompts, request.Settings, _options, request.Id, chat ? "messages" : "prompt", billed);
    }

    /// <summary>The answer cache keys on the messages' text and the sampling settings only: requests that constrain the
    /// output, ask for logprobs, offer tools or carry tool traffic bypass it (neither looked up nor stored).</summary>
    private static bool Cacheable(PipelineRequest request, IReadOnlyList<ChatMessage> messages) =>
        request.Settings.Constraint is null && request.Settings.Logprobs is null && request.ToolsJson is null
        && !messages.Any(m => m.ToolCalls is not null || m.ToolCallId is not null);

    private static int[] Render(Engines.IServedModel model, IReadOnlyList<ChatMessage> messages, string? toolsJson)
    {
        var template = model.ChatTemplate;
        var text = toolsJson is null && !messages.Any(m => m.ToolCalls is not null || m.ToolCallId is not null)
            ? template.Render(messages, addGenerationPrompt: true)
            : template.Render(messages, toolsJson, addGenerationPrompt: true);
        return model.Tokenizer.Encode(text);
    }

    /// <summary>Attaches the decode-stage retrieval to every sequence of the plan.</summary>
    private static GenerationPlan Ground(GenerationPlan plan, DecodeRetrieval? duringDecode) => duringDecode is null
        ? plan
        : plan with { Sequences = plan.Sequences.Select(s => s with { Retrieval = duringDecode }).ToList() };

    /// <summary>The cached answer as engine outputs: the text (carrying the completion's token count, which is all the
    /// formats count), then the finish on an empty delta, as an engine ends a sequence.</summary>
    private static IAsyncEnumerable<SequenceEvent> Replay(CachedAnswer answer)
    {
        var reason = answer.FinishReason == "length" ? FinishReason.Length : FinishReason.Stop;
        SequenceEvent[] events =
        [
            new(0, new GenerationOutput(new int[answer.CompletionTokens], answer.Text)),
            new(0, new GenerationOutput([], string.Empty, reason)),
        ];
        return events.ToAsyncEnumerable();
    }

    /// <summary>Tokens a generation reserves of its tenant's window: the prompt and every sequence's token limit.</summary>
    private static long Reservation(GenerationPlan plan)
    {
        long tokens = plan.PromptTokens;
        foreach (var sequence in plan.Sequences)
        {
            tokens += sequence.MaxTokens;
        }

        return tokens;
    }

    /// <summary>Gives back the reserved tokens the generation did not use when it ends, however it ends.</summary>
    private static async IAsyncEnumerable<SequenceEvent> Settle(
        IAsyncEnumerable<SequenceEvent> events, TokenReservation reservation, int promptTokens, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long generated = 0;
        try
        {
            await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                generated += item.Output.Tokens.Length;
                yield return item;
            }
        }
        finally
        {
            reservation.Settle(promptTokens + generated);
        }
    }

    /// <summary>Passes the generation's events through and, when the sequence finished with <c>stop</c> or
    /// <c>length</c>, stores its text in the background (the response does not wait for the pool's disk).</summary>
    private async IAsyncEnumerable<SequenceEvent> CaptureAsync(
        IAsyncEnumerable<SequenceEvent> events, AnswerCacheQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        var tokens = 0;
        string? finish = null;
        await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            text.Append(item.Output.Text);
            tokens += item.Output.Tokens.Length;
            if (item.Output.FinishReason is { } reason)
            {
                finish = FinishReasons.ToWire(reason);
            }

            yield return item;
        }

        if (finish is "stop" or "length")
        {
            answerCache.Store(query, new CachedAnswer(text.ToString(), tokens, finish));
        }
    }
}
