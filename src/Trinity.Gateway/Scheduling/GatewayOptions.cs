using System.ComponentModel.DataAnnotations;

namespace Trinity.Gateway.Scheduling;

/// <summary>Limits and timeouts of the OpenAI endpoints (section <c>Trinity:Gateway</c>).</summary>
public sealed record GatewayOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Trinity:Gateway";

    /// <summary>Kestrel's hard body limit as a multiple of <see cref="MaxRequestBodyBytes"/>: a body between the two is
    /// read to its end and answered with a clean 413; a larger one is cut off.</summary>
    public const int DrainFactor = 4;

    /// <summary>Largest accepted request body; larger bodies get 413.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Sequences generating at once; further sequences wait in the queue.</summary>
    [Range(1, 100_000)]
    public int MaxRunningSequences { get; init; } = 64;

    /// <summary>Sequences that may wait for a slot; beyond it requests get 429 with <c>Retry-After</c>.</summary>
    [Range(0, 1_000_000)]
    public int MaxWaitingSequences { get; init; } = 1024;

    /// <summary>Longest wait for a slot before a 503 with <c>Retry-After</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest silence of an engine between two outputs before the sequence is abandoned (504 or an error
    /// event): a dead engine never hangs a client.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whole-request limit of chat and text completions (request-timeout policy
    /// <c>trinity-generation</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan GenerationTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Whole-request limit of embeddings and the other short endpoints (policy <c>trinity-short</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ShortTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest <c>n</c>.</summary>
    [Range(1, 128)]
    public int MaxChoices { get; init; } = 16;

    /// <summary>Largest number of sequences one request may start (prompts × n of text completions).</summary>
    [Range(1, 4096)]
    public int MaxSequencesPerRequest { get; init; } = 64;

    /// <summary>Largest number of inputs of one embeddings request.</summary>
    [Range(1, 100_000)]
    public int MaxEmbeddingInputs { get; init; } = 2048;

    /// <summary>Cap on generated tokens when a chat request gives no limit; null lets it run to the context length.</summary>
    [Range(1, int.MaxValue)]
    public int? DefaultMaxTokens { get; init; }
}
