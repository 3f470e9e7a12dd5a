using System.Text.Json;
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

    /// <summary>Return each generated token's log probability (from the model's raw logits, before temperature,
    /// penalties and any grammar mask).</summary>
    public bool? Logprobs { get; init; }

    /// <summary>How many most likely alternatives to return per token, 0 to 20; needs <see cref="Logprobs"/>.</summary>
    public int? TopLogprobs { get; init; }

    /// <summary><c>{"type": "text" | "json_object" | "json_schema", "json_schema": {name, schema, strict}}</c>, enforced by
    /// constrained decoding.</summary>
    public JsonElement? ResponseFormat { get; init; }

    /// <summary>Functions the model may call: <c>[{"type": "function", "function": {name, description, parameters}}]</c>.</summary>
    public JsonElement? Tools { get; init; }

    /// <summary><c>none</c>, <c>auto</c>, <c>required</c> or <c>{"type": "function", "function": {"name"}}</c>.</summary>
    public JsonElement? ToolChoice { get; init; }

    /// <summary>Whether a forced call may be several calls (default true).</summary>
    public bool? ParallelToolCalls { get; init; }

    /// <summary>Not supported: any value other than 0 is refused.</summary>
    public double? FrequencyPenalty { get; init; }

    /// <summary>Not supported: any value other than 0 is refused.</summary>
    public double? PresencePenalty { get; init; }

    /// <summary>Not supported: a non-empty map is refused.</summary>
    public JsonElement? LogitBias { get; init; }

    /// <summary>Deprecated function calling: refused (use <see cref="Tools"/>).</summary>
    public JsonElement? Functions { get; init; }

    /// <summary>Deprecated function calling: refused (use <see cref="ToolChoice"/>).</summary>
    public JsonElement? FunctionCall { get; init; }

    /// <summary>Audio output: refused.</summary>
    public JsonElement? Audio { get; init; }

    /// <summary>Output modalities: only <c>["text"]</c> is accepted.</summary>
    public JsonElement? Modalities { get; init; }

    /// <summary>Predicted outputs: refused.</summary>
    public JsonElement? Prediction { get; init; }

    /// <summary>Web search: refused.</summary>
    public JsonElement? WebSearchOptions { get; init; }

    /// <summary>Keep generating past end-of-sequence tokens (vLLM extension, for benchmarks).</summary>
    public bool? IgnoreEos { get; init; }

    /// <summary>Ground the answer in a vector-pool collection (Trinity extension).</summary>
    public RetrievalRequest? Retrieval { get; init; }

    /// <summary>Answer-cache settings for this request (Trinity extension).</summary>
    public AnswerCacheRequest? AnswerCache { get; init; }
}
