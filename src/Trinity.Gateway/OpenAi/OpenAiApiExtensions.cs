using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trinity.Contracts.Errors;
using Trinity.Gateway.Diagnostics;
using Trinity.Gateway.OpenAi.Chat;
using Trinity.Gateway.OpenAi.Completions;
using Trinity.Gateway.OpenAi.Embeddings;
using Trinity.Gateway.OpenAi.Models;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.Pipeline;
using Trinity.Gateway.Scheduling;

namespace Trinity.Gateway.OpenAi;

/// <summary>Registration and mapping of the OpenAI-compatible API.</summary>
public static class OpenAiApiExtensions
{
    /// <summary>Registers the OpenAI endpoints' services, limits and timeouts.</summary>
    public static IServiceCollection AddOpenAiApi(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.MaxChoices <= o.MaxSequencesPerRequest, "Trinity:Gateway:MaxChoices must not exceed MaxSequencesPerRequest.")
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
            kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes * GatewayOptions.DrainFactor);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, OpenAiJsonContext.Default);
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddTrinityRequestTimeouts();
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<GenerationPipeline>();
        services.TryAddSingleton<RequestPipeline>();
        services.TryAddSingleton<ChatCompletionHandler>();
        services.TryAddSingleton<CompletionHandler>();
        services.TryAddSingleton<EmbeddingHandler>();
        services.TryAddSingleton<ModelCatalog>();
        return services;
    }

    /// <summary>Maps <c>/v1/chat/completions</c>, <c>/v1/completions</c>, <c>/v1/embeddings</c> and <c>/v1/models</c>.</summary>
    public static IEndpointRouteBuilder MapOpenAiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup("/v1").WithTags("OpenAI");
        v1.MapPost("/chat/completions", (HttpContext context, ChatCompletionHandler handler) => handler.HandleAsync(context))
            .WithName("CreateChatCompletion")
            .WithSummary("Creates a chat completion; with \"stream\": true, server-sent chat.completion.chunk events ending with data: [DONE].")
            .Accepts<ChatCompletionRequest>("application/json")
            .Produces<ChatCompletionResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<ChatCompletionChunk>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesOpenAiErrors()
            .WithRequestTimeout(RequestTimeoutPolicies.Generation);
        v1.MapPost("/completions", (HttpContext context, CompletionHandler handler) => handler.HandleAsync(context))
            .WithName("CreateCompletion")
            .WithSummary("Creates a text completion (legacy); with \"stream\": true, server-sent text_completion events ending with data: [DONE].")
            .Accepts<CompletionRequest>("application/json")
            .Produces<CompletionResponse>(StatusCodes.Status200OK, "application/json", "text/event-stream")
            .ProducesOpenAiErrors()
            .WithRequestTimeout(RequestTimeoutPolicies.Generation);
        v1.MapPost("/embeddings", (HttpContext context, EmbeddingHandler handler) => handler.HandleAsync(context))
            .WithName("CreateEmbedding")
            .WithSummary("Embeds strings or token arrays; encoding_format float or base64 (little-endian float32).")
            .Accepts<EmbeddingRequest>("application/json")
            .Produces<EmbeddingResponse>()
            .ProducesOpenAiErrors()
            .WithRequestTimeout(RequestTimeoutPolicies.Short);
        ModelsEndpoints.Map(v1);
        return endpoints;
    }

    private static RouteHandlerBuilder ProducesOpenAiErrors(this RouteHandlerBuilder builder) => builder
        .Produces<ErrorEnvelope>(StatusCodes.Status400BadRequest)
        .Produces<ErrorEnvelope>(StatusCodes.Status401Unauthorized)
        .Produces<ErrorEnvelope>(StatusCodes.Status404NotFound)
        .Produces<ErrorEnvelope>(StatusCodes.Status413PayloadTooLarge)
        .Produces<ErrorEnvelope>(StatusCodes.Status415UnsupportedMediaType)
        .Produces<ErrorEnvelope>(StatusCodes.Status429TooManyRequests)
        .Produces<ErrorEnvelope>(StatusCodes.Status503ServiceUnavailable)
        .Produces<ErrorEnvelope>(StatusCodes.Status504GatewayTimeout);
}
