using System.Text.Json;
using Trinity.Contracts;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Structured;

namespace Trinity.Gateway.OpenAi.Completions;

/// <summary>The text-completion fields beyond sampling: <c>logprobs</c> (0 to 5), the <c>response_format</c> extension,
/// and the OpenAI fields this server cannot honour, refused with a 400 naming them.</summary>
internal static class CompletionFeatureValidator
{
    /// <summary>OpenAI's limit for this endpoint.</summary>
    public const int MaxLogprobs = 5;

    public static (TokenConstraint? Constraint, int? Logprobs) Validate(CompletionRequest request, int n)
    {
        if (request.Logprobs is { } logprobs && logprobs is < 0 or > MaxLogprobs)
        {
            throw PipelineErrors.OutOfRange("logprobs", $"an integer between 0 and {MaxLogprobs}", logprobs);
        }

        if (request.Logprobs is not null && request.Echo == true)
        {
            throw PipelineErrors.Invalid("'echo' with 'logprobs' is not supported by this server: prompt tokens get no logprobs.", "echo", "unsupported_parameter");
        }

        if (!string.IsNullOrEmpty(request.Suffix))
        {
            throw PipelineErrors.Invalid("'suffix' is not supported by this server.", "suffix", "unsupported_parameter");
        }

        if (request.BestOf is { } bestOf && bestOf != 1 && bestOf != n)
        {
            throw PipelineErrors.Invalid("'best_of' is not supported by this server: only 1 (or the value of 'n') is accepted.", "best_of", "unsupported_parameter");
        }

        if (request.FrequencyPenalty is { } frequency && frequency != 0)
        {
            throw PipelineErrors.Invalid("'frequency_penalty' is not supported by this server. Only 0 is supported.", "frequency_penalty", "unsupported_parameter");
        }

        if (request.PresencePenalty is { } presence && presence != 0)
        {
            throw PipelineErrors.Invalid("'presence_penalty' is not supported by this server. Only 0 is supported.", "presence_penalty", "unsupported_parameter");
        }

        if (request.LogitBias is { ValueKind: JsonValueKind.Object } bias && bias.EnumerateObject().Any())
        {
            throw PipelineErrors.Invalid("'logit_bias' is not supported by this server. Only an empty map is supported.", "logit_bias", "unsupported_parameter");
        }

        return (ResponseFormatReader.Read(request.ResponseFormat), request.Logprobs);
    }
}
