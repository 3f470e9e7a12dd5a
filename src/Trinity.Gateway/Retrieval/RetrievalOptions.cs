using System.ComponentModel.DataAnnotations;

namespace Trinity.Gateway.Retrieval;

/// <summary>RAG settings (configuration section <c>Trinity:Retrieval</c>).</summary>
public sealed record RetrievalOptions
{
    public const string SectionName = "Trinity:Retrieval";

    /// <summary>How retrieved chunks enter the prompt (merged into the system message); <c>{context}</c> is replaced by
    /// the chunks, each as <c>[id] text</c>.</summary>
    public string Template { get; init; } = "Answer the question using the context below. Each passage starts with its id in brackets.\n\n{context}";

    /// <summary>How chunks found during decode (interval mode) are appended to the sequence.</summary>
    public string DecodeTemplate { get; init; } = "\n[context: {context}]\n";

    [Range(1, 64)]
    public int DefaultK { get; init; } = 4;

    [Range(1, 64)]
    public int MaxK { get; init; } = 64;

    [Range(1, 4096)]
    public int DefaultIntervalTokens { get; init; } = 32;

    /// <summary>Longest a sequence waits for a decode-stage search before it generates on without its result.</summary>
    [Range(1, 600_000)]
    public double DecodeMaxWaitMs { get; init; } = 2000;

    /// <summary>Characters of one chunk put into the prompt at most.</summary>
    [Range(16, 1_000_000)]
    public int MaxChunkChars { get; init; } = 2000;

    /// <summary>Per model: default collection, k, mode, interval; optionally retrieval for every request.</summary>
    public IReadOnlyDictionary<string, RetrievalDefaults> Models { get; init; } = new Dictionary<string, RetrievalDefaults>(StringComparer.Ordinal);
}
