using Trinity.Gateway.Cache;
using Trinity.Gateway.Engines;
using Trinity.Gateway.Retrieval;
using Trinity.Gateway.Tenancy;
using Trinity.Tokenization;

namespace Trinity.Gateway.Pipeline;

/// <summary>A validated generation request as the pipeline takes it, whatever protocol it came in by: a conversation
/// (rendered with the model's chat template, eligible for the answer cache and retrieval) or tokenised prompts.</summary>
internal sealed record PipelineRequest
{
    /// <summary>Request id; sequence ids are <c>{Id}-{index}</c>.</summary>
    public required string Id { get; init; }

    public required IServedModel Model { get; init; }

    public required GenerationSettings Settings { get; init; }

    /// <summary>The conversation, for chat requests; null when <see cref="Prompts"/> is given.</summary>
    public IReadOnlyList<ChatMessage>? Messages { get; init; }

    /// <summary>Tokenised prompts (each gets <see cref="GenerationSettings.N"/> choices), for text completions.</summary>
    public IReadOnlyList<int[]>? Prompts { get; init; }

    /// <summary>The <c>tools</c> array to render through the chat template (conversations only); null: none offered.</summary>
    public string? ToolsJson { get; init; }

    /// <summary>What the request asks retrieval for (conversations only); null: the model's defaults.</summary>
    public RetrievalRequest? Retrieval { get; init; }

    /// <summary>The request's answer-cache policy (conversations only); null: the configured defaults.</summary>
    public AnswerCacheRequest? AnswerCache { get; init; }

    /// <summary>The SLO policy the client named, or null.</summary>
    public string? SloPolicy { get; init; }

    /// <summary>Whose request it is: the answer cache partition, the collections retrieval may read, the rate limits.</summary>
    public Tenant Tenant { get; init; } = Tenant.Default;

    /// <summary>The route the request came in on (SLO policies may be chosen by route).</summary>
    public string Route { get; init; } = string.Empty;
}
