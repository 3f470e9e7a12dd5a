namespace Trinity.Gateway.Cache;

/// <summary>Which answers an invalidation drops: those matching every field given (null fields match anything).
/// Texts are compared after the cache's own normalisation, the prompt also ignoring case, so that an operator's
/// copy of a prompt finds the entry.</summary>
internal sealed record InvalidationFilter(string? Model, string? SystemPrompt, string? Collection, string? Prompt)
{
    private readonly string? _systemPrompt = SystemPrompt is null ? null : CacheKeyBuilder.Normalize(SystemPrompt);
    private readonly string? _prompt = Prompt is null ? null : CacheKeyBuilder.Normalize(Prompt);

    /// <summary>The tenant's cache group whose answers may be dropped; null: every partition (an open deployment).</summary>
    public string? Partition { get; init; }

    public bool Matches(CacheEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = entry.Key;
        return (Partition is null || string.Equals(key.Partition, Partition, StringComparison.Ordinal))
            && (Model is null || string.Equals(key.Model, Model, StringComparison.Ordinal))
            && (_systemPrompt is null || string.Equals(key.SystemPrompt, _systemPrompt, StringComparison.Ordinal))
            && (Collection is null || string.Equals(key.Collection, Collection, StringComparison.Ordinal))
            && (_prompt is null || string.Equals(key.LastUserPrompt, _prompt, StringComparison.OrdinalIgnoreCase));
    }

    public override string ToString() =>
        string.Join(", ", new[] { ("model", Model), ("system_prompt", SystemPrompt), ("collection", Collection), ("prompt", Prompt) }
            .Where(f => f.Item2 is not null)
            .Select(f => f.Item1));
}
