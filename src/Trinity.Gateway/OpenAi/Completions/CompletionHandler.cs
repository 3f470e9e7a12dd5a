using System.Text;
using Microsoft.Extensions.Options;
using Trinity.Gateway.Engines;
using Trinity.Gateway.OpenAi.Errors;
using Trinity.Gateway.OpenAi.Json;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.OpenAi.Streaming;
using Trinity.Gateway.Pipeline;
using Trinity.Gateway.Scheduling;

namespace Trinity.Gateway.OpenAi.Completions;

/// <summary>Serves the legacy <c>POST /v1/completions</c>: raw prompts (no chat template), n choices per prompt.</summary>
internal sealed class CompletionHandler(
    IServedModelRegistry models,
    GenerationPipeline pipeline,
    SloService slo,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<CompletionHandler> logger)
{
    /// <summary>OpenAI's default for this endpoint.</summary>
    private const int DefaultMaxTokens = 16;

    public async Task HandleAsync(HttpContext context)
    {
        var request = await JsonRequestReader.ReadAsync(context.Request, OpenAiJsonContext.Default.CompletionRequest, options.Value.MaxRequestBodyBytes, context.RequestAborted)
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
        if (request.Logprobs is > 0)
        {
            throw OpenAiErrors.Invalid("'logprobs' is not supported by this server.", "logprobs", "unsupported_parameter");
        }

        if (!string.IsNullOrEmpty(request.Suffix))
        {
            throw OpenAiErrors.Invalid("'suffix' is not supported by this server.", "suffix", "unsupported_parameter");
        }

        var (prompts, promptTexts) = CompletionPrompts.Prepare(request.Prompt, model);
        var id = "cmpl-" + Guid.NewGuid().ToString("N");
        var billed = prompts.Sum(p => p.Length);
        var plan = PlanBuilder.Build(model, prompts, settings, options.Value, id, "prompt", billed);
        using var ticket = slo.Admit(slo.Deadlines(context, model.Name), model.Name, billed);
        plan = plan with { Slo = ticket };
        var echoes = new string[plan.Sequences.Count];
        for (var i = 0; i < echoes.Length; i++)
        {
            echoes[i] = request.Echo == true ? promptTexts[i / settings.N] : string.Empty;
        }

        var timings = RequestTimings.For(context);
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var events = pipeline.RunAsync(plan, timings, context.RequestAborted);
        if (settings.Stream)
        {
            var format = new CompletionStreamFormat(id, created, model.Name, echoes, billed, settings.IncludeUsage);
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
            if (item.Output.FinishReason is { } reason)
            {
                finishReasons[item.Index] = FinishReasons.ToWire(reason);
            }
        }

        var choices = new CompletionChoice[echoes.Length];
        for (var i = 0; i < choices.Length; i++)
        {
            choices[i] = new CompletionChoice { Index = i, Text = texts[i]?.ToString() ?? echoes[i], FinishReason = finishReasons[i] };
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
