namespace Trinity.Contracts;

/// <summary>Checks a request against a model's limits; the messages are meant for API users.</summary>
public static class GenerationRequestValidator
{
    /// <summary>Throws <see cref="ArgumentException"/> with a one-line message when the request cannot run.</summary>
    public static void Validate(GenerationRequest request, int vocabSize, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prompt = request.PromptTokens;
        if (prompt.Count == 0)
        {
            throw new ArgumentException("the prompt is empty");
        }

        if (prompt.Count >= contextLength)
        {
            throw new ArgumentException($"the prompt has {prompt.Count} tokens; this model's context length is {contextLength} tokens, which must also leave room for at least one generated token");
        }

        for (var i = 0; i < prompt.Count; i++)
        {
            if ((uint)prompt[i] >= (uint)vocabSize)
            {
                throw new ArgumentException($"prompt token {i} has id {prompt[i]}, outside the model's vocabulary of {vocabSize}");
            }
        }

        if (request.MaxTokens < 1)
        {
            throw new ArgumentException("max tokens must be at least 1");
        }

        var sampling = request.Sampling;
        if (!float.IsFinite(sampling.Temperature) || sampling.Temperature is < 0f or > 2f)
        {
            throw new ArgumentException("temperature must be between 0 and 2");
        }

        if (!float.IsFinite(sampling.TopP) || sampling.TopP is <= 0f or > 1f)
        {
            throw new ArgumentException("top_p must be greater than 0 and at most 1");
        }

        if (sampling.TopK < 0)
        {
            throw new ArgumentException("top_k must not be negative");
        }

        if (request.Logprobs is < 0 or > GenerationRequest.MaxTopLogprobs)
        {
            throw new ArgumentException($"logprobs must be between 0 and {GenerationRequest.MaxTopLogprobs}");
        }

        if (request.Constraint is { Kind: ConstraintKind.JsonSchema, Schema: null or "" })
        {
            throw new ArgumentException("a json_schema constraint needs a schema");
        }
    }
}
