using System.Text.Json;
using Trinity.Contracts;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Structured;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>
/// The chat fields beyond sampling: <c>logprobs</c>/<c>top_logprobs</c>, <c>response_format</c>, <c>tools</c>, and the
/// OpenAI fields this server cannot honour, which are refused with a 400 naming them rather than silently ignored
/// (a field at its neutral value — penalty 0, an empty <c>logit_bias</c>, <c>modalities: ["text"]</c> — is accepted).
/// Fields OpenAI does not define stay ignored.
/// </summary>
internal static class ChatFeatureValidator
{
    /// <summary>The request's constraint, logprobs and tools.</summary>
    public static (TokenConstraint? Constraint, int? Logprobs, ToolPlan? Tools) Validate(ChatCompletionRequest request)
    {
        RefuseUnsupported(request);
        int? logprobs = null;
        if (request.TopLogprobs is { } top)
        {
            if (top is < 0 or > GenerationRequest.MaxTopLogprobs)
            {
                throw PipelineErrors.OutOfRange("top_logprobs", $"an integer between 0 and {GenerationRequest.MaxTopLogprobs}", top);
            }

            if (request.Logprobs != true)
            {
                throw PipelineErrors.Invalid("Invalid 'top_logprobs': 'logprobs' must be true when 'top_logprobs' is given.", "top_logprobs", "invalid_value");
            }
        }

        if (request.Logprobs == true)
        {
            logprobs = request.TopLogprobs ?? 0;
        }

        var constraint = ResponseFormatReader.Read(request.ResponseFormat);
        var tools = ToolsReader.Read(request.Tools, request.ToolChoice, request.ParallelToolCalls);
        if (tools is { Forced: true })
        {
            if (constraint is not null)
            {
                throw PipelineErrors.Invalid(
                    "Invalid 'response_format': a forced tool call ('tool_choice' required or a named function) already fixes the output's format.",
                    "response_format",
                    "invalid_value");
            }

            constraint = tools.Constraint();
            if (tools.Mode == ToolChoiceMode.Required)
            {
                SchemaCheck.Compile(constraint!.Schema!, "tools");
            }
        }

        return (constraint, logprobs, tools);
    }

    private static void RefuseUnsupported(ChatCompletionRequest request)
    {
        if (request.FrequencyPenalty is { } frequency && frequency != 0)
        {
            throw Unsupported("frequency_penalty", "Only 0 is supported.");
        }

        if (request.PresencePenalty is { } presence && presence != 0)
        {
            throw Unsupported("presence_penalty", "Only 0 is supported.");
        }

        if (request.LogitBias is { ValueKind: JsonValueKind.Object } bias && bias.EnumerateObject().Any())
        {
            throw Unsupported("logit_bias", "Only an empty map is supported.");
        }

        if (Given(request.Functions) || Given(request.FunctionCall))
        {
            throw Unsupported(Given(request.Functions) ? "functions" : "function_call", "Use 'tools' and 'tool_choice'.");
        }

        if (Given(request.Audio))
        {
            throw Unsupported("audio", "This model generates text only.");
        }

        if (request.Modalities is { ValueKind: JsonValueKind.Array } modalities
            && modalities.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String || m.GetString() != "text"))
        {
            throw Unsupported("modalities", "Only [\"text\"] is supported.");
        }

        if (Given(request.Prediction))
        {
            throw Unsupported("prediction", "Predicted outputs are not supported.");
        }

        if (Given(request.WebSearchOptions))
        {
            throw Unsupported("web_search_options", "Web search is not supported.");
        }
    }

    private static bool Given(JsonElement? value) => value is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };

    private static PipelineException Unsupported(string param, string detail) =>
        PipelineErrors.Invalid($"'{param}' is not supported by this server. {detail}", param, "unsupported_parameter");
}
