using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Embeddings;

/// <summary>Body of <c>POST /v1/embeddings</c>. Fields not listed here are accepted and ignored.</summary>
public sealed record EmbeddingRequest
{
    /// <summary>An embedding model id from <c>/v1/models</c>.</summary>
    public string? Model { get; init; }

    /// <summary>A string, strings, token ids or arrays of token ids.</summary>
    public TextOrTokens? Input { get; init; }

    /// <summary><c>float</c> (default) or <c>base64</c>.</summary>
    public string? EncodingFormat { get; init; }

    /// <summary>Only the model's own dimension is accepted.</summary>
    public int? Dimensions { get; init; }
}
