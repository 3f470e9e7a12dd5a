using Trinity.Gateway.Engines;
using Trinity.Gateway.Errors;

namespace Trinity.Gateway.OpenAi.Serving;

/// <summary>Finds the requested generation model: 400 when <c>model</c> is missing, 404 when unknown.</summary>
internal static class ModelResolver
{
    public static IServedModel Resolve(IServedModelRegistry registry, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw PipelineErrors.MissingParameter("model");
        }

        return registry.TryGet(name, out var model) ? model : throw PipelineErrors.ModelNotFound(name);
    }
}
