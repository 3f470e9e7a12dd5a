namespace Trinity.Gateway.Cache;

/// <summary>Where a conversation lives in the cache.</summary>
/// <param name="Id">Exact-tier key and pool point id: a hash of the namespace and the normalised turns.</param>
/// <param name="Namespace">Hash of the model, the system prompt, the retrieval collection and the stop strings:
/// answers are only ever shared inside one namespace.</param>
/// <param name="Model">Served model name.</param>
/// <param name="SystemPrompt">The system and developer messages, normalised and joined (empty when none).</param>
/// <param name="Collection">Retrieval collection, or null.</param>
/// <param name="Prompt">The other turns, normalised and joined by newlines: what the semantic tier embeds and the
/// guard compares.</param>
/// <param name="LastUserPrompt">The last user message, normalised (what invalidation by prompt matches).</param>
internal sealed record CacheKey(string Id, string Namespace, string Model, string SystemPrompt, string? Collection, string Prompt, string LastUserPrompt)
{
    /// <summary>The tenant's cache group (part of the namespace, so both tiers keep tenants apart); empty for the open
    /// deployment's single tenant.</summary>
    public string Partition { get; init; } = string.Empty;
}
