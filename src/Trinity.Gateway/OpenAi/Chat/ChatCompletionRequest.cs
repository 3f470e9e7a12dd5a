using Trinity.Gateway.Cache;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.Retrieval;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>Body of <c>POST /v1/chat/completions</c>. Fields not listed here are accepted and ignored.</summary>
public sealed record ChatCompletionRequest
{
    /// <summary>A model id from <c>/v1/models</c>.</summary>
    public string? Model { get; init; }

    /// <summary>The conversation so far (roles system, developer, user, assistant, tool).</summary>
    public IReadOnlyList<ChatMessageInput?>? Messages { get; init; }

    /// <summary>Upper bound on generated tokens (deprecated name of <see cref="MaxCompletionTokens"/>).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Upper bound on generated tokens.</summary>
    public int? MaxCompletionTokens { get; init; }

    /// <summary>Sampling temperature in [0, 2]; 0 is greedy. Default 1.</summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling mass in (0, 1]. Default 1.</summary>
    public double? TopP { get; init; }

    /// <summary>Keep only the k most likely tokens; 0 or -1 disables it (vLLM extension).</summary>
    public int? TopK { get; init; }

    /// <summary>Number of choices to generate, 1 to the configured maximum.</summary>
    public int? N { get; init; }

    /// <summary>Stream chunks as server-sent events.</summary>
    public bool? Stream { get; init; }

    /// <summary>Streaming options.</summary>
    public StreamOptions? StreamOptions { get; init; }

    /// <summary>Up to 4 stop strings; generation ends before the first one, which is not returned.</summary>
    public StopSequences? Stop { get; init; }

    /// <summary>Makes sampling repeatable.</summary>
    public long? Seed { get; init; }

    /// <summary>Log probabilities are not supported; only false is accepted.</summary>
    public bool? Logprobs { get; init; }

    /// <summary>Keep generating past end-of-sequence tokens (vLLM extension, for benchmarks).</summary>
    public bool? IgnoreEos { get; init; }

    /// <summary>Ground the answer in a vector-pool collection (Trinity extension).</summary>
    public RetrievalRequest? Retrieval { get; init; }

    /// <summary>Answer-cache settings for this request (Trinity extension).</summary>
    public AnswerCacheRequest? AnswerCache { get; init; }
}
