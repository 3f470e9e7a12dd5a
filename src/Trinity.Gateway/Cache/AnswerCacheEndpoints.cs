using Microsoft.Extensions.Options;
using Trinity.Gateway.OpenAi.Errors;
using Trinity.Gateway.OpenAi.Json;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.Pipeline;

namespace Trinity.Gateway.Cache;

/// <summary><c>DELETE /v1/cache</c> (every answer) and <c>POST /v1/cache/invalidate</c> (answers of a model, a system
/// prompt, a collection and/or a prompt), both answering <c>{"invalidated": N}</c>.</summary>
internal static class AnswerCacheEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/cache").WithTags("Trinity");
        group.MapDelete("", async (HttpContext context, AnswerCache cache) =>
            {
                var count = await cache.ClearAsync(context.RequestAborted).ConfigureAwait(false);
                await WriteAsync(context, count).ConfigureAwait(false);
            })
            .WithName("ClearAnswerCache")
            .WithSummary("Drops every cached answer, from memory and from the vector pool.")
            .Produces<AnswerCacheInvalidateResponse>()
            .Produces<OpenAiErrorResponse>(StatusCodes.Status401Unauthorized);

        group.MapPost("/invalidate", async (HttpContext context, AnswerCache cache, IOptions<GatewayOptions> options) =>
            {
                var request = await JsonRequestReader.ReadAsync(
                    context.Request, AnswerCacheJsonContext.Default.AnswerCacheInvalidateRequest, options.Value.MaxRequestBodyBytes, context.RequestAborted)
                    .ConfigureAwait(false);
                var count = await cache.InvalidateAsync(FilterOf(request), context.RequestAborted).ConfigureAwait(false);
                await WriteAsync(context, count).ConfigureAwait(false);
            })
            .WithName("InvalidateAnswerCache")
            .WithSummary("Drops the cached answers matching every given field of {model, system_prompt, collection, prompt} (at least one).")
            .Accepts<AnswerCacheInvalidateRequest>("application/json")
            .Produces<AnswerCacheInvalidateResponse>()
            .Produces<OpenAiErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status401Unauthorized)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status415UnsupportedMediaType);
    }

    private static InvalidationFilter FilterOf(AnswerCacheInvalidateRequest request)
    {
        if (request.Model is null && request.SystemPrompt is null && request.Collection is null && request.Prompt is null)
        {
            throw OpenAiErrors.Invalid(
                "Give at least one of 'model', 'system_prompt', 'collection' and 'prompt' (DELETE /v1/cache drops everything).",
                null,
                "missing_required_parameter");
        }

        foreach (var (value, param) in new[] { (request.Model, "model"), (request.Collection, "collection"), (request.Prompt, "prompt") })
        {
            if (value is { } text && string.IsNullOrWhiteSpace(text))
            {
                throw OpenAiErrors.Invalid($"Invalid '{param}': expected a non-empty string.", param, "invalid_value");
            }
        }

        return new InvalidationFilter(request.Model, request.SystemPrompt, request.Collection, request.Prompt);
    }

    private static Task WriteAsync(HttpContext context, long count) =>
        JsonResponseWriter.WriteAsync(context, new AnswerCacheInvalidateResponse(count), AnswerCacheJsonContext.Default.AnswerCacheInvalidateResponse);
}
