using Trinity.Contracts;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.Pipeline;
using Trinity.Gateway.Scheduling;

namespace Trinity.Gateway.OpenAi.Serving;

/// <summary>Range checks of the sampling and length fields, with OpenAI's 400 wording.</summary>
internal static class SettingsValidator
{
    public const int MaxStopSequences = 4;

    /// <summary>The fields as they arrive in either request type.</summary>
    public readonly record struct Fields(
        double? Temperature,
        double? TopP,
        int? TopK,
        int? N,
        long? Seed,
        StopSequences? Stop,
        int? MaxTokens,
        string MaxTokensParam,
        bool? Stream,
        StreamOptions? StreamOptions,
        bool? IgnoreEos);

    /// <summary>Checks the fields; settings a request leaves out come from the model's <paramref name="defaults"/>
    /// (<c>genai_config.json</c>'s <c>search</c> section, as ONNX Runtime GenAI applies it): without a temperature the
    /// request samples only when <c>do_sample</c> is true, with the section's temperature, top_k and top_p. A request that
    /// sets a temperature chooses sampling itself, and its unset top_k / top_p are OpenAI's (off), so a section's
    /// <c>top_k: 1</c> (common in published folders) cannot silently turn it greedy. The repetition penalty always
    /// comes from the section.</summary>
    public static GenerationSettings Validate(in Fields fields, GatewayOptions options, Trinity.Engine.Model.GenerationDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (fields.Temperature is { } temperature && temperature is < 0 or > 2)
        {
            throw PipelineErrors.OutOfRange("temperature", "a number between 0 and 2", temperature);
        }

        if (fields.TopP is { } topP && topP is <= 0 or > 1)
        {
            throw PipelineErrors.OutOfRange("top_p", "a number greater than 0 and at most 1", topP);
        }

        if (fields.TopK is { } topK && topK < -1)
        {
            throw PipelineErrors.OutOfRange("top_k", "-1, 0 (disabled) or a positive integer", topK);
        }

        var n = fields.N ?? 1;
        if (n < 1 || n > options.MaxChoices)
        {
            throw PipelineErrors.OutOfRange("n", $"an integer between 1 and {options.MaxChoices}", n);
        }

        if (fields.MaxTokens is < 1)
        {
            throw PipelineErrors.OutOfRange(fields.MaxTokensParam, "an integer of at least 1", fields.MaxTokens.Value);
        }

        var stop = fields.Stop?.Values ?? [];
        if (stop.Count > MaxStopSequences)
        {
            throw PipelineErrors.Invalid(
                $"Invalid 'stop': array too long. Expected at most {MaxStopSequences} items, but got {stop.Count} instead.",
                "stop",
                "array_above_max_length");
        }

        return new GenerationSettings
        {
            Sampling = defaults.ToSampling(
                (float?)fields.Temperature,
                (float?)fields.TopP,
                fields.TopK is { } k ? Math.Max(k, 0) : null,
                fields.Seed is { } seed ? unchecked((ulong)seed) : null),
            MaxTokens = fields.MaxTokens,
            MaxTokensParam = fields.MaxTokensParam,
            Stop = [.. stop.Where(s => s.Length > 0)],
            N = n,
            Stream = fields.Stream ?? false,
            IncludeUsage = fields.StreamOptions?.IncludeUsage ?? false,
            IgnoreEos = fields.IgnoreEos ?? false,
        };
    }
}
