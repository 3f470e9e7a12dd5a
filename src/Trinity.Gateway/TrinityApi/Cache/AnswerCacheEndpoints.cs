using Microsoft.Extensions.Options;
using Trinity.Common.Json;
using Trinity.Contracts.Errors;
using Trinity.Gateway.Cache;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Json;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.Scheduling;
using Trinity.Gateway.Security;
using Trinity.Gateway.Tenancy;

namespace Trinity.Gateway.TrinityApi.Cache;

/// <summary><c>DELETE /v1/cache</c> (every answer) and <c>POST /v1/cache/invalidate</c> (answers of a model, a system
/// prompt, a collection and/or a prompt), both answering <c>{"invalidated": N}</c>.</summary>
public static class AnswerCacheEndpoints
{
    /// <summary>Maps <c>DELETE /v1/cache</c> and <c>POST /v1/cache/invalidate</c>.</summary>
    public static IEndpointRouteBuilder MapAnswerCacheEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/v1/cache").WithTags("Trinity");
        group.MapDelete("", async (HttpContext context, AnswerCache cache) =>
            {
                // A tenant drops its own partition only; the open deployment's single tenant owns the whole cache.
                var tenant = context.Tenant();
                var count = tenant.IsDefault
                    ? await cache.ClearAsync(context.RequestAborted).ConfigureAwait(false)
                    : await cache.InvalidateAsync(new InvalidationFilter(null, null, null, null) { Partition = tenant.CacheGroup }, context.RequestAborted).ConfigureAwait(false);
                await WriteAsync(context, count).ConfigureAwait(false);
            })
            .WithName("ClearAnswerCache")
            .WithSummary("Drops every cached answer, from memory and from the vector pool.")
            .Produces<AnswerCacheInvalidateResponse>()
            .Produces<ErrorEnvelope>(StatusCodes.Status401Unauthorized);

        group.MapPost("/invalidate", async (HttpContext context, AnswerCache cache, TenantCollections collections, IOptions<GatewayOptions> options) =>
            {
                var request = await JsonBodyReader.ReadAsync(
                    context.Request, AnswerCacheJsonContext.Default.AnswerCacheInvalidateRequest, options.Value.MaxRequestBodyBytes, context.RequestAborted)
                    .ConfigureAwait(false);
                var count = await cache.InvalidateAsync(FilterOf(request, context.Tenant(), collections), context.RequestAborted).ConfigureAwait(false);
                await WriteAsync(context, count).ConfigureAwait(false);
            })
            .WithName("InvalidateAnswerCache")
            .WithSummary("Drops the cached answers matching every given field of {model, system_prompt, collection, prompt} (at least one).")
            .Accepts<AnswerCacheInvalidateRequest>("application/json")
            .Produces<AnswerCacheInvalidateResponse>()
            .Produces<ErrorEnvelope>(StatusCodes.Status400BadRequest)
            .Produces<ErrorEnvelope>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorEnvelope>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ErrorEnvelope>(StatusCodes.Status415UnsupportedMediaType);
        return endpoints;
    }

    private static InvalidationFilter FilterOf(AnswerCacheInvalidateRequest request, Tenant tenant, TenantCollections collections)
    {
        if (request.Model is null && request.SystemPrompt is null && request.Collection is null && request.Prompt is null)
        {
            throw PipelineErrors.Invalid(
                "Give at least one of 'model', 'system_prompt', 'collection' and 'prompt' (DELETE /v1/cache drops everything).",
                null,
                "missing_required_parameter");
        }

        foreach (var (value, param) in new[] { (request.Model, "model"), (request.Collection, "collection"), (request.Prompt, "prompt") })
        {
            if (value is { } text && string.IsNullOrWhiteSpace(text))
            {
                throw PipelineErrors.Invalid($"Invalid '{param}': expected a non-empty string.", param, "invalid_value");
            }
        }

        // Answers are keyed by the pool's name of their collection; a collection another tenant shares read-only maps to its owner's.
        var collection = request.Collection is { } name ? collections.Resolve(tenant, name, CollectionAccess.Read) : null;
        return new InvalidationFilter(request.Model, request.SystemPrompt, collection, request.Prompt) { Partition = tenant.IsDefault ? null : tenant.CacheGroup };
    }

    private static Task WriteAsync(HttpContext context, long count) =>
        JsonResponseWriter.WriteAsync(context, new AnswerCacheInvalidateResponse(count), AnswerCacheJsonContext.Default.AnswerCacheInvalidateResponse);
}
