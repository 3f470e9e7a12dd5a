namespace Trinity.Bench.Load.Workloads;

/// <summary>Every rule a workload must satisfy, each broken one reported as a sentence naming the field.</summary>
internal static class WorkloadValidator
{
    public static List<string> Validate(Workload workload)
    {
        var errors = new List<string>();
        Check(errors, workload.Rate > 0 && double.IsFinite(workload.Rate), "rate must be a positive number of requests per second");
        Check(errors, workload.DurationS > 0 && double.IsFinite(workload.DurationS), "duration_s must be positive");
        Check(errors, workload.Burstiness > 0 && double.IsFinite(workload.Burstiness), "burstiness must be positive (1 = Poisson)");
        Check(errors, workload.WarmupRequests >= 0, "warmup_requests must not be negative");
        var slo = workload.Slo ?? new Dictionary<string, WorkloadSlo>();
        Check(errors, slo.Count > 0, "slo must define at least one class, e.g. \"slo\": {\"interactive\": {\"ttft_ms\": 1000, \"tpot_ms\": 50}}");
        foreach (var (name, target) in slo)
        {
            Check(errors, target is not null && target.TtftMs > 0 && target.TpotMs > 0 && double.IsFinite(target.TtftMs) && double.IsFinite(target.TpotMs),
                $"slo.{name} needs positive ttft_ms and tpot_ms");
        }

        var kinds = workload.Kinds ?? [];
        Check(errors, kinds.Count > 0, "kinds must list at least one request kind");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (kind, i) in kinds.Select((k, i) => (k, i)))
        {
            ValidateKind(errors, workload, kind, $"kinds[{i}]", names);
        }

        var collections = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (collection, i) in (workload.Collections ?? []).Select((c, i) => (c, i)))
        {
            ValidateCollection(errors, collection, $"collections[{i}]", collections);
        }

        foreach (var key in (workload.Gateway ?? new Dictionary<string, string>()).Keys)
        {
            Check(errors, key.Length > 0 && !key.Contains('=', StringComparison.Ordinal), $"gateway setting '{key}' is not a configuration key");
        }

        return errors;
    }

    private static void ValidateKind(List<string> errors, Workload workload, WorkloadKind? kind, string at, HashSet<string> names)
    {
        if (kind is null)
        {
            errors.Add($"{at} is null");
            return;
        }

        Check(errors, kind.Name.Length > 0 && !kind.Name.Equals("all", StringComparison.Ordinal), $"{at}.name is required (and 'all' is reserved for the overall figures)");
        Check(errors, kind.Name.Length == 0 || names.Add(kind.Name), $"{at}.name '{kind.Name}' is used twice");
        at = kind.Name.Length > 0 ? $"kind '{kind.Name}'" : at;
        Check(errors, kind.Weight > 0 && double.IsFinite(kind.Weight), $"{at}: weight must be positive");
        Check(errors, workload.Slo?.ContainsKey(kind.Slo) == true, $"{at}: slo '{kind.Slo}' is not a class of slo ({string.Join(", ", workload.Slo?.Keys ?? [])})");
        Check(errors, kind.MaxTokens >= 1, $"{at}: max_tokens must be at least 1");
        if (kind.Prompts is not { Count: > 0 })
        {
            Check(errors, kind.PromptSet is not null && workload.PromptSets?.TryGetValue(kind.PromptSet, out var set) == true && set is { Count: > 0 },
                $"{at} needs prompts, or a prompt_set naming a non-empty list of prompt_sets");
        }

        Check(errors, (kind.Prompts ?? []).All(p => !string.IsNullOrWhiteSpace(p)), $"{at}: prompts must not be empty strings");
        if (kind.Retrieval is { } retrieval)
        {
            Check(errors, retrieval.Collection.Length > 0, $"{at}: retrieval.collection is required");
            Check(errors, retrieval.K is >= 1 and <= 64, $"{at}: retrieval.k must be 1 to 64");
            Check(errors, retrieval.Mode is "once" or "interval", $"{at}: retrieval.mode must be 'once' or 'interval'");
            Check(errors, retrieval.Mode != "interval" || retrieval.IntervalTokens is >= 1 and <= 4096, $"{at}: retrieval.mode 'interval' needs interval_tokens 1 to 4096");
        }

        if (kind.AnswerCache is { Threshold: { } threshold })
        {
            Check(errors, threshold is > 0 and <= 1, $"{at}: answer_cache.threshold must be in (0, 1]");
        }
    }

    private static void ValidateCollection(List<string> errors, WorkloadCollection? collection, string at, HashSet<string> names)
    {
        if (collection is null)
        {
            errors.Add($"{at} is null");
            return;
        }

        Check(errors, WorkloadReader.CollectionName().IsMatch(collection.Name), $"{at}.name must match [A-Za-z0-9_-]{{1,64}}");
        Check(errors, !WorkloadReader.CollectionName().IsMatch(collection.Name) || names.Add(collection.Name), $"{at}.name '{collection.Name}' is used twice");
        at = WorkloadReader.CollectionName().IsMatch(collection.Name) ? $"collection '{collection.Name}'" : at;
        switch (collection.Source)
        {
            case "documents":
                Check(errors, collection.Paths is { Count: > 0 }, $"{at}: source 'documents' needs paths");
                Check(errors, collection.ChunkChars >= 100, $"{at}: chunk_chars must be at least 100");
                Check(errors, collection.ChunkTokens is null or >= 8, $"{at}: chunk_tokens must be at least 8");
                break;
            case "synthetic":
                Check(errors, collection.Points >= 1, $"{at}: source 'synthetic' needs points ≥ 1");
                Check(errors, collection.Dimension is >= 1 and <= 65_536, $"{at}: dimension must be 1 to 65536");
                break;
            default:
                errors.Add($"{at}: source must be 'documents' or 'synthetic'");
                break;
        }
    }

    private static void Check(List<string> errors, bool ok, string message)
    {
        if (!ok)
        {
            errors.Add(message);
        }
    }
}
