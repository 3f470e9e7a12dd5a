using System.Text;
using Microsoft.Extensions.Options;
using Trinity.Gateway.Cache;
using Trinity.Gateway.Engines;
using Trinity.Gateway.OpenAi.Json;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.OpenAi.Streaming;
using Trinity.Gateway.Pipeline;
using Trinity.Gateway.Retrieval;
using Trinity.Gateway.Scheduling;

namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>Serves <c>POST /v1/chat/completions</c>: validation, chat template, tokenisation, generation, and the
/// streamed or complete response.</summary>
internal sealed class ChatCompletionHandler(
    IServedModelRegistry models,
    GenerationPipeline pipeline,
    SloService slo,
    AnswerCacheStage answerCache,
    RetrievalStage retrieval,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<ChatCompletionHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = await JsonRequestReader.ReadAsync(context.Request, OpenAiJsonContext.Default.ChatCompletionRequest, options.Value.MaxRequestBodyBytes, context.RequestAborted)
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
            throw Errors.OpenAiErrors.OutOfRange("max_tokens", "an integer of at least 1", request.MaxTokens.Value);
        }

        if (request.Logprobs == true)
        {
            throw Errors.OpenAiErrors.Invalid("'logprobs' is not supported by this server.", "logprobs", "unsupported_parameter");
        }

        var timings = RequestTimings.For(context);
        var deadlines = slo.Deadlines(context, model.Name);
        timings.SloPolicy = deadlines.Policy;
        var cached = await answerCache.LookupAsync(context, request, messages, settings, model, deadlines.FirstToken).ConfigureAwait(false);
        if (cached.Answered)
        {
            return;
        }

        var grounding = await retrieval.RunAsync(request.Retrieval, model.Name, messages, deadlines, timings, context.RequestAborted).ConfigureAwait(false);
        var prompt = model.Tokenizer.Encode(model.ChatTemplate.Render(grounding.Messages, addGenerationPrompt: true));
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var plan = grounding.Apply(PlanBuilder.Build(model, [prompt], settings, options.Value, id, "messages", prompt.Length));
        using var ticket = slo.Admit(deadlines, model.Name, prompt.Length);
        plan = plan with { Slo = ticket };
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var events = cached.Capture(pipeline.RunAsync(plan, timings, context.RequestAborted));
        if (settings.Stream)
        {
            var format = new ChatStreamFormat(id, created, model.Name, settings.N, prompt.Length, settings.IncludeUsage);
            await StreamingResponder.RunAsync(context, events, format, timings, logger).ConfigureAwait(false);
            return;
        }

        var texts = new StringBuilder[settings.N];
        var finishReasons = new string[settings.N];
        var completionTokens = 0;
        await foreach (var item in events.WithCancellation(context.RequestAborted).ConfigureAwait(false))
        {
            (texts[item.Index] ??= new StringBuilder()).Append(item.Output.Text);
            completionTokens += item.Output.Tokens.Length;
            if (item.Output.FinishReason is { } reason)
            {
                finishReasons[item.Index] = FinishReasons.ToWire(reason);
            }
        }

        var choices = new ChatChoice[settings.N];
        for (var i = 0; i < choices.Length; i++)
        {
            choices[i] = new ChatChoice
            {
                Index = i,
                Message = new ChatMessageOutput("assistant", texts[i]?.ToString() ?? string.Empty),
                FinishReason = finishReasons[i],
            };
        }

        var response = new ChatCompletionResponse
        {
            Id = id,
            Created = created,
            Model = model.Name,
            Choices = choices,
            Usage = new Usage(prompt.Length, completionTokens, prompt.Length + completionTokens),
            Trinity = timings.ToWire(),
        };
        await JsonResponseWriter.WriteAsync(context, response, OpenAiJsonContext.Default.ChatCompletionResponse).ConfigureAwait(false);
    }
}
