using Trinity.Contracts;

namespace Trinity.Gateway.Pipeline;

/// <summary>The validated generation fields shared by chat and text completions.</summary>
internal sealed record GenerationSettings
{
    public required SamplingParams Sampling { get; init; }

    /// <summary>Explicit token limit, or null to run to the context length (or the configured default).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Name of the parameter that gave <see cref="MaxTokens"/>, for error messages.</summary>
    public string MaxTokensParam { get; init; } = "max_tokens";

    public IReadOnlyList<string> Stop { get; init; } = [];

    public int N { get; init; } = 1;

    public bool Stream { get; init; }

    public bool IncludeUsage { get; init; }

    public bool IgnoreEos { get; init; }

    /// <summary>The grammar every sequence's output must match (response_format, forced tool calls); null: free.</summary>
    public TokenConstraint? Constraint { get; init; }

    /// <summary>Alternatives per token when logprobs are asked for (0 to 20); null: no logprobs.</summary>
    public int? Logprobs { get; init; }
}
