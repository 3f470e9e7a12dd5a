using System.Text;
using Microsoft.Extensions.Options;
using Trinity.Common.Json;
using Trinity.Gateway.Diagnostics;
using Trinity.Gateway.Engines;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Json;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.OpenAi.Streaming;
using Trinity.Gateway.Pipeline;
using Trinity.Gateway.Scheduling;

namespace Trinity.Gateway.OpenAi.Completions;

/// <summary>Serves the legacy <c>POST /v1/completions</c>: raw prompts (no chat template), n choices per prompt, through
/// the same <see cref="RequestPipeline"/> as chat.</summary>
internal sealed class CompletionHandler(
    IServedModelRegistry models,
    RequestPipeline pipeline,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<CompletionHandler> logger)
{
    /// <summary>OpenAI's default for this endpoint.</summary>
    private const int DefaultMaxTokens = 16;

    public async Task HandleAsync(HttpContext context)
    {
        var request = await JsonBodyReader.ReadAsync(context.Request, OpenAiJsonContext.Default.CompletionRequest, options.Value.MaxRequestBodyBytes, context.RequestAborted)
            .ConfigureAwait(false);
        var model = ModelResolver.Resolve(models, request.Model);
        var settings = SettingsValidator.Validate(
            new SettingsValidator.Fields(
                request.Temperature,
                request.TopP,
                request.TopK,
                request.N,
                request.Seed,
                request.Stop,
                request.MaxTokens ?? DefaultMaxTokens,
                "max_tokens",
                request.Stream,
                request.StreamOptions,
                request.IgnoreEos),
            options.Value,
            model.Defaults);
        var (constraint, logprobs) = CompletionFeatureValidator.Validate(request, settings.N);
        settings = settings with { Constraint = constraint, Logprobs = logprobs };

        var (prompts, promptTexts) = CompletionPrompts.Prepare(request.Prompt, model);
        var id = "cmpl-" + Guid.NewGuid().ToString("N");
        var timings = context.Timings();
        using var run = await pipeline.StartAsync(
            new PipelineRequest
            {
                Id = id,
                Model = model,
                Settings = settings,
                Prompts = prompts,
                SloPolicy = context.Request.Headers[AdmissionGate.PolicyHeader].ToString(),
                Tenant = context.Tenant(),
                Route = context.Request.Path.Value ?? string.Empty,
            },
            timings,
            context.RequestAborted).ConfigureAwait(false);
        var billed = run.PromptTokens;
        var echoes = new string[run.Sequences];
        for (var i = 0; i < echoes.Length; i++)
        {
            echoes[i] = request.Echo == true ? promptTexts[i / settings.N] : string.Empty;
        }

        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var events = run.Events;
        var logprobBuilders = logprobs is null ? null : echoes.Select(e => new CompletionLogprobsBuilder(model.Tokenizer, e.Length)).ToArray();
        if (settings.Stream)
        {
            var format = new CompletionStreamFormat(id, created, model.Name, echoes, billed, settings.IncludeUsage, logprobBuilders);
            await StreamingResponder.RunAsync(context, events, format, timings, logger).ConfigureAwait(false);
            return;
        }

        var texts = new StringBuilder[echoes.Length];
        var finishReasons = new string?[echoes.Length];
        var completionTokens = 0;
        await foreach (var item in events.WithCancellation(context.RequestAborted).ConfigureAwait(false))
        {
            (texts[item.Index] ??= new StringBuilder(echoes[item.Index])).Append(item.Output.Text);
            completionTokens += item.Output.Tokens.Length;
            logprobBuilders?[item.Index].Add(item.Output.Logprobs);
            if (item.Output.FinishReason is { } reason)
            {
                finishReasons[item.Index] = FinishReasons.ToWire(reason);
            }
        }

        var choices = new CompletionChoice[echoes.Length];
        for (var i = 0; i < choices.Length; i++)
        {
            choices[i] = new CompletionChoice { Index = i, Text = texts[i]?.ToString() ?? echoes[i], FinishReason = finishReasons[i], Logprobs = logprobBuilders?[i].Whole() };
        }

        var response = new CompletionResponse
        {
            Id = id,
            Created = created,
            Model = model.Name,
            Choices = choices,
            Usage = new Usage(billed, completionTokens, billed + completionTokens),
            Trinity = timings.ToWire(),
        };
        await JsonResponseWriter.WriteAsync(context, response, OpenAiJsonContext.Default.CompletionResponse).ConfigureAwait(false);
    }
}
