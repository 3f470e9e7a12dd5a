namespace Trinity.Gateway.Cache;

/// <summary>The payload of a semantic-tier point: everything needed to serve the answer and to rebuild the entry
/// after a restart (the namespace is also the search filter).</summary>
internal sealed record CachePointPayload
{
    public required string Namespace { get; init; }

    public required string Key { get; init; }

    public required string Prompt { get; init; }

    public required string Answer { get; init; }

    public required int CompletionTokens { get; init; }

    public required string FinishReason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Model { get; init; }

    public string SystemPrompt { get; init; } = string.Empty;

    public string? Collection { get; init; }

    public string LastUserPrompt { get; init; } = string.Empty;

    /// <summary>The tenant's cache group (absent in points written before tenants: the single tenant's).</summary>
    public string Partition { get; init; } = string.Empty;

    public static CachePointPayload From(CacheEntry entry) => new()
    {
        Namespace = entry.Key.Namespace,
        Key = entry.Key.Id,
        Prompt = entry.Key.Prompt,
        Answer = entry.Answer.Text,
        CompletionTokens = entry.Answer.CompletionTokens,
        FinishReason = entry.Answer.FinishReason,
        CreatedAt = entry.CreatedAt,
        Model = entry.Key.Model,
        SystemPrompt = entry.Key.SystemPrompt,
        Collection = entry.Key.Collection,
        LastUserPrompt = entry.Key.LastUserPrompt,
        Partition = entry.Key.Partition,
    };

    public CacheEntry ToEntry() => new(
        new CacheKey(Key, Namespace, Model, SystemPrompt, Collection, Prompt, LastUserPrompt) { Partition = Partition },
        new CachedAnswer(Answer, CompletionTokens, FinishReason),
        CreatedAt);
}
