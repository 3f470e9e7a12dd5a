using Microsoft.Extensions.Options;
using Trinity.Gateway.Engines;
using Trinity.Gateway.Errors;
using Trinity.Tokenization;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>The tokenizer chunks are counted in: the served model's named by <see cref="IngestionOptions.Model"/>, else
/// the first served model's, so that a chunk of N tokens is N tokens of the prompt it will be retrieved into.</summary>
internal sealed class IngestionTokenizer(IServedModelRegistry models, IOptions<IngestionOptions> options)
{
    public ITokenizer Resolve()
    {
        var name = options.Value.Model;
        if (name is null)
        {
            return models.Models.Count > 0 ? models.Models[0].Tokenizer : throw Unavailable("No model is served, so no tokenizer can cut chunks.");
        }

        return models.TryGet(name, out var model) ? model.Tokenizer : throw Unavailable($"The ingestion model '{name}' (Trinity:Ingestion:Model) is not served.");
    }

    private static PipelineException Unavailable(string message) => PipelineErrors.Unavailable(message);
}
