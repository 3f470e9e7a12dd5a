using System.Globalization;
using Microsoft.Extensions.Options;
using Trinity.Common.Json;
using Trinity.Engine.Model.Embeddings;
using Trinity.Gateway.Diagnostics;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Json;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.Scheduling;
using Trinity.Gateway.Tenancy;
using Trinity.VectorGpu.Embeddings;

namespace Trinity.Gateway.OpenAi.Embeddings;

/// <summary>Serves <c>POST /v1/embeddings</c> with the configured <see cref="ITextEmbedder"/>.</summary>
internal sealed class EmbeddingHandler(ITextEmbedder embedder, GatewayMetrics metrics, IOptions<GatewayOptions> options, TenantRateLimits rateLimits)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var request = await JsonBodyReader.ReadAsync(context.Request, OpenAiJsonContext.Default.EmbeddingRequest, options.Value.MaxRequestBodyBytes, cancellationToken)
            .ConfigureAwait(false);
        var base64 = Validate(request);
        var input = request.Input!;
        var data = new EmbeddingData[input.Count];
        var tokens = 0;
        for (var i = 0; i < data.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var vector = new float[embedder.Dimension];
            tokens += input.Texts is { } texts ? embedder.Embed(texts[i], vector) : EmbedTokens(input.TokenArrays![i], vector, i);
            data[i] = new EmbeddingData { Index = i, Embedding = new EmbeddingVector(vector, base64) };
        }

        // The tenant's token window is charged what the inputs counted (as OpenAI counts embedding tokens against TPM);
        // a request that no longer fits is answered 429 instead of its vectors.
        rateLimits.ReserveTokens(context.Tenant(), tokens);
        metrics.EmbeddingInputs.Add(data.Length, GatewayMetrics.Model(embedder.Name));
        var response = new EmbeddingResponse { Data = data, Model = embedder.Name, Usage = new EmbeddingUsage(tokens, tokens) };
        await JsonResponseWriter.WriteAsync(context, response, OpenAiJsonContext.Default.EmbeddingResponse).ConfigureAwait(false);
    }

    /// <summary>Returns whether the vectors are wanted as base64.</summary>
    private bool Validate(EmbeddingRequest request)
    {
        if (string.IsNullOrEmpty(request.Model))
        {
            throw PipelineErrors.MissingParameter("model");
        }

        if (request.Model != embedder.Name)
        {
            throw PipelineErrors.ModelNotFound(request.Model);
        }

        var input = request.Input ?? throw PipelineErrors.MissingParameter("input");
        if (input.Count == 0)
        {
            throw PipelineErrors.Invalid("Invalid 'input': empty array. Expected at least one input.", "input", "empty_array");
        }

        if (input.Count > options.Value.MaxEmbeddingInputs)
        {
            throw PipelineErrors.Invalid(
                $"Invalid 'input': array too long. Expected at most {options.Value.MaxEmbeddingInputs} items, but got {input.Count} instead.",
                "input",
                "array_above_max_length");
        }

        for (var i = 0; i < input.Count; i++)
        {
            var empty = input.Texts is { } texts ? texts[i].Length == 0 : input.TokenArrays![i].Length == 0;
            if (empty)
            {
                var param = input.Count == 1 && input.Texts is not null ? "input" : $"input[{i}]";
                throw PipelineErrors.Invalid($"Invalid '{param}': the input must not be empty.", param, "empty_input");
            }
        }

        if (request.Dimensions is { } dimensions && dimensions != embedder.Dimension)
        {
            throw PipelineErrors.OutOfRange("dimensions", $"{embedder.Dimension} (the model's dimension)", dimensions);
        }

        return request.EncodingFormat switch
        {
            null or "float" => false,
            "base64" => true,
            _ => throw PipelineErrors.Invalid(
                $"Invalid value for 'encoding_format': '{request.EncodingFormat}'. Supported values are: 'float' and 'base64'.", "encoding_format", "invalid_value"),
        };
    }

    /// <summary>Token input: the embedder's own tokenizer ids when it has one; otherwise the hashed embedder sees the
    /// ids as words, so that equal token sequences still get equal vectors.</summary>
    private int EmbedTokens(int[] ids, float[] vector, int index)
    {
        if (embedder is ITokenIdEmbedder tokenEmbedder)
        {
            for (var j = 0; j < ids.Length; j++)
            {
                if ((uint)ids[j] >= (uint)tokenEmbedder.VocabSize)
                {
                    throw PipelineErrors.OutOfRange($"input[{index}][{j}]", $"a token id between 0 and {tokenEmbedder.VocabSize - 1}", ids[j]);
                }
            }

            return tokenEmbedder.EmbedTokens(ids, vector);
        }

        embedder.Embed(string.Join(' ', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))), vector);
        return ids.Length;
    }
}
