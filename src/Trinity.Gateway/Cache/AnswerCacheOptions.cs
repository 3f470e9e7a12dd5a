namespace Trinity.Gateway.Cache;

/// <summary>The answer cache (configuration section <c>Trinity:AnswerCache</c>, validated at start).</summary>
public sealed record AnswerCacheOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Trinity:AnswerCache";

    /// <summary>false: every request bypasses the cache.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Cosine similarity a semantic hit needs when the request gives no <c>answer_cache.threshold</c>, in
    /// (0, 1]. Tuned for the built-in hashed n-gram embedder, which scores a one-word rewording of a short question
    /// about 0.77; the guard, not the threshold, keeps negations, numbers and names apart.</summary>
    public double Threshold { get; init; } = 0.75;

    /// <summary>How long an answer stays valid, in seconds.</summary>
    public double TtlSeconds { get; init; } = 3600;

    /// <summary>Most answers kept; the least recently used goes first.</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>Vector-pool collection of the semantic tier (created at start when missing).</summary>
    public string Collection { get; init; } = "trinity-answer-cache";

    /// <summary>false: exact tier only, nothing is written to the pool.</summary>
    public bool SemanticEnabled { get; init; } = true;

    /// <summary>Longest a semantic lookup may take, even when the request's TTFT deadline is further away.</summary>
    public double LookupBudgetMs { get; init; } = 50;

    /// <summary>Candidates fetched per semantic lookup (the best one passing the guard wins).</summary>
    public int Candidates { get; init; } = 4;

    /// <summary>Requests sampling above this temperature bypass the cache (they ask for variety).</summary>
    public double MaxTemperature { get; init; } = 1.0;

    /// <summary>Largest share of differing words two prompts may have for a semantic hit (guard), in [0, 1].</summary>
    public double MaxWordDifference { get; init; } = 0.5;

    /// <summary>Refuse a semantic hit when the prompts differ in any content word (a word outside a short list of
    /// function words such as <c>a</c>, <c>my</c>, <c>can</c>, <c>please</c>): with the built-in embedder, "bake
    /// bread" / "bake a cake" or "boiling point" / "freezing point" score like paraphrases. Turn off only with an
    /// embedder that keeps such prompts apart by itself.</summary>
    public bool GuardContentWords { get; init; } = true;

    /// <summary>Vector length of the collection; 0: the gateway's embedder's (set it when the pool is remote and
    /// embeds with another model).</summary>
    public int Dimension { get; init; }

    /// <summary>How often expired answers are swept out (and deleted from the pool), in seconds.</summary>
    public double SweepIntervalSeconds { get; init; } = 60;
}
