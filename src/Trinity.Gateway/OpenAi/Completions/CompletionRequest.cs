using System.Text.Json;
using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Completions;

/// <summary>Body of the legacy <c>POST /v1/completions</c>. Fields not listed here are accepted and ignored.</summary>
public sealed record CompletionRequest
{
    /// <summary>A model id from <c>/v1/models</c>.</summary>
    public string? Model { get; init; }

    /// <summary>A string, strings, token ids or arrays of token ids; each prompt gets <c>n</c> choices.</summary>
    public TextOrTokens? Prompt { get; init; }

    /// <summary>Upper bound on generated tokens. Default 16, as OpenAI's.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Sampling temperature in [0, 2]; 0 is greedy. Default 1.</summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling mass in (0, 1]. Default 1.</summary>
    public double? TopP { get; init; }

    /// <summary>Keep only the k most likely tokens; 0 or -1 disables it (vLLM extension).</summary>
    public int? TopK { get; init; }

    /// <summary>Number of choices per prompt.</summary>
    public int? N { get; init; }

    /// <summary>Stream chunks as server-sent events.</summary>
    public bool? Stream { get; init; }

    /// <summary>Streaming options.</summary>
    public StreamOptions? StreamOptions { get; init; }

    /// <summary>Up to 4 stop strings.</summary>
    public StopSequences? Stop { get; init; }

    /// <summary>Makes sampling repeatable.</summary>
    public long? Seed { get; init; }

    /// <summary>Prepend the prompt to the completion (text prompts only).</summary>
    public bool? Echo { get; init; }

    /// <summary>Return each token's log probability and this many most likely alternatives (0 to 5), from the model's
    /// raw logits (before temperature, penalties and any grammar mask).</summary>
    public int? Logprobs { get; init; }

    /// <summary>Trinity extension (as vLLM's): <c>response_format</c> as in chat completions, enforced by constrained decoding.</summary>
    public JsonElement? ResponseFormat { get; init; }

    /// <summary>Server-side best-of selection: not supported; only null, 1 or n is accepted.</summary>
    public int? BestOf { get; init; }

    /// <summary>Not supported: any value other than 0 is refused.</summary>
    public double? FrequencyPenalty { get; init; }

    /// <summary>Not supported: any value other than 0 is refused.</summary>
    public double? PresencePenalty { get; init; }

    /// <summary>Not supported: a non-empty map is refused.</summary>
    public JsonElement? LogitBias { get; init; }

    /// <summary>Insertion suffixes are not supported; only null or empty is accepted.</summary>
    public string? Suffix { get; init; }

    /// <summary>Keep generating past end-of-sequence tokens (vLLM extension, for benchmarks).</summary>
    public bool? IgnoreEos { get; init; }
}
