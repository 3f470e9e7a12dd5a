using Microsoft.Extensions.Options;
using Trinity.Common.Json;
using Trinity.Gateway.Diagnostics;
using Trinity.Gateway.Engines;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Json;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.OpenAi.Structured;
using Trinity.Gateway.OpenAi.Streaming;
using Trinity.Gateway.Pipeline;
using Trinity.Gateway.Scheduling;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>Serves <c>POST /v1/chat/completions</c>: reads and validates the body, hands the conversation to the
/// <see cref="RequestPipeline"/>, and writes its events as a <c>chat.completion</c> or as streamed chunks.</summary>
internal sealed class ChatCompletionHandler(
    IServedModelRegistry models,
    RequestPipeline pipeline,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<ChatCompletionHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = await JsonBodyReader.ReadAsync(context.Request, OpenAiJsonContext.Default.ChatCompletionRequest, options.Value.MaxRequestBodyBytes, context.RequestAborted)
            .ConfigureAwait(false);
        var messages = ChatMessagesValidator.Validate(request.Messages);
        var model = ModelResolver.Resolve(models, request.Model);
        var settings = SettingsValidator.Validate(
            new SettingsValidator.Fields(
                request.Temperature,
                request.TopP,
                request.TopK,
                request.N,
                request.Seed,
                request.Stop,
                request.MaxCompletionTokens ?? request.MaxTokens,
                request.MaxCompletionTokens is null ? "max_tokens" : "max_completion_tokens",
                request.Stream,
                request.StreamOptions,
                request.IgnoreEos),
            options.Value,
            model.Defaults);
        if (request.MaxTokens is < 1 && request.MaxCompletionTokens is not null)
        {
            throw PipelineErrors.OutOfRange("max_tokens", "an integer of at least 1", request.MaxTokens.Value);
        }

        var (constraint, logprobs, tools) = ChatFeatureValidator.Validate(request);
        settings = settings with { Constraint = constraint, Logprobs = logprobs };
        var rendered = tools is { Mode: not ToolChoiceMode.None } ? tools : null;

        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var timings = context.Timings();
        using var run = await pipeline.StartAsync(
            new PipelineRequest
            {
                Id = id,
                Model = model,
                Settings = settings,
                Messages = messages,
                ToolsJson = rendered?.ToolsJson,
                Retrieval = request.Retrieval,
                AnswerCache = request.AnswerCache,
                SloPolicy = context.Request.Headers[AdmissionGate.PolicyHeader].ToString(),
                Tenant = context.Tenant(),
                Route = context.Request.Path.Value ?? string.Empty,
            },
            timings,
            context.RequestAborted).ConfigureAwait(false);
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var events = run.Events;
        var promptTokens = run.PromptTokens;
        var builders = new ChatChoiceBuilder[run.Sequences];
        for (var i = 0; i < builders.Length; i++)
        {
            builders[i] = new ChatChoiceBuilder(rendered, model.ChatTemplate.ToolCallFormat, model.Tokenizer, logprobs is not null);
        }

        if (settings.Stream)
        {
            var format = new ChatStreamFormat(id, created, model.Name, builders, promptTokens, settings.IncludeUsage);
            await StreamingResponder.RunAsync(context, events, format, timings, logger).ConfigureAwait(false);
            return;
        }

        var completionTokens = 0;
        await foreach (var item in events.WithCancellation(context.RequestAborted).ConfigureAwait(false))
        {
            builders[item.Index].Add(item.Output);
            completionTokens += item.Output.Tokens.Length;
        }

        var choices = new ChatChoice[builders.Length];
        for (var i = 0; i < choices.Length; i++)
        {
            var (message, finish) = builders[i].Build();
            choices[i] = new ChatChoice { Index = i, Message = message, FinishReason = finish, Logprobs = builders[i].Logprobs() };
        }

        var response = new ChatCompletionResponse
        {
            Id = id,
            Created = created,
            Model = model.Name,
            Choices = choices,
            Usage = new Usage(promptTokens, completionTokens, promptTokens + completionTokens),
            Trinity = timings.ToWire(),
        };
        await JsonResponseWriter.WriteAsync(context, response, OpenAiJsonContext.Default.ChatCompletionResponse).ConfigureAwait(false);
    }
}
