using Trinity.Contracts.Errors;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Serving;

namespace Trinity.Gateway.OpenAi.Models;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{model}</c>.</summary>
internal static class ModelsEndpoints
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/models", (HttpContext context, ModelCatalog catalog) =>
                JsonResponseWriter.WriteAsync(context, new ModelList(catalog.Cards()), OpenAiJsonContext.Default.ModelList))
            .WithName("ListModels")
            .WithSummary("Lists the models (generation and embedding) this server serves.")
            .Produces<ModelList>();

        group.MapGet("/models/{**model}", (HttpContext context, string model, ModelCatalog catalog) =>
            {
                var card = catalog.Cards().FirstOrDefault(c => c.Id == model) ?? throw PipelineErrors.ModelNotFound(model);
                return JsonResponseWriter.WriteAsync(context, card, OpenAiJsonContext.Default.ModelCard);
            })
            .WithName("RetrieveModel")
            .WithSummary("Describes one model.")
            .Produces<ModelCard>()
            .Produces<ErrorEnvelope>(StatusCodes.Status404NotFound);
    }
}
