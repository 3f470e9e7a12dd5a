using Trinity.Contracts;
using Trinity.Gateway.Engines;
using Trinity.Gateway.Errors;
using Trinity.Gateway.Scheduling;

namespace Trinity.Gateway.Pipeline;

/// <summary>Turns tokenised prompts and validated settings into engine requests, enforcing the context length.</summary>
internal static class PlanBuilder
{
    /// <param name="model">The served model.</param>
    /// <param name="prompts">Tokenised prompts; each gets <see cref="GenerationSettings.N"/> choices.</param>
    /// <param name="settings">Validated settings.</param>
    /// <param name="options">Gateway limits.</param>
    /// <param name="requestId">Prefix of the sequence ids.</param>
    /// <param name="promptParam">Parameter named in errors about the prompt.</param>
    /// <param name="billedPromptTokens">Prompt tokens reported in <c>usage</c>.</param>
    public static GenerationPlan Build(
        IServedModel model,
        IReadOnlyList<int[]> prompts,
        GenerationSettings settings,
        GatewayOptions options,
        string requestId,
        string promptParam,
        int billedPromptTokens)
    {
        var total = (long)prompts.Count * settings.N;
        if (total > options.MaxSequencesPerRequest)
        {
            throw PipelineErrors.Invalid(
                $"This request would generate {total} sequences; at most {options.MaxSequencesPerRequest} are allowed (prompts × n).",
                "n",
                "too_many_sequences");
        }

        var sequences = new List<GenerationRequest>((int)total);
        foreach (var prompt in prompts)
        {
            if (prompt.Length == 0)
            {
                throw PipelineErrors.Invalid($"Invalid '{promptParam}': the prompt must not be empty.", promptParam, "empty_prompt");
            }

            var maxTokens = MaxTokens(model, prompt.Length, settings, options, promptParam);
            for (var choice = 0; choice < settings.N; choice++)
            {
                var sampling = settings.Sampling;
                if (choice > 0 && sampling.Seed is { } seed)
                {
                    // Each choice gets its own repeatable stream: the same seed must not give n identical answers.
                    sampling = sampling with { Seed = unchecked(seed + (ulong)choice) };
                }

                sequences.Add(new GenerationRequest
                {
                    RequestId = $"{requestId}-{sequences.Count}",
                    PromptTokens = prompt,
                    Sampling = sampling,
                    MaxTokens = maxTokens,
                    Stop = settings.Stop,
                    IgnoreEos = settings.IgnoreEos,
                    Constraint = settings.Constraint,
                    Logprobs = settings.Logprobs,
                });
            }
        }

        return new GenerationPlan(model, sequences, billedPromptTokens);
    }

    private static int MaxTokens(IServedModel model, int promptTokens, GenerationSettings settings, GatewayOptions options, string promptParam)
    {
        var room = model.ContextLength - promptTokens;
        if (settings.MaxTokens is { } requested)
        {
            if (requested > room)
            {
                throw PipelineErrors.ContextLengthExceeded(model.ContextLength, promptTokens, requested, settings.MaxTokensParam);
            }

            return requested;
        }

        if (room < 1)
        {
            throw PipelineErrors.ContextLengthExceeded(model.ContextLength, promptTokens, 1, promptParam);
        }

        // Without max_tokens the model's own search.max_length (prompt + generated) bounds the answer, as in GenAI.
        if (model.Defaults.MaxLength > 0)
        {
            room = Math.Clamp(model.Defaults.MaxLength - promptTokens, 1, room);
        }

        return options.DefaultMaxTokens is { } cap ? Math.Min(cap, room) : room;
    }
}
