using System.ComponentModel.DataAnnotations;

namespace Trinity.Gateway.Engines;

/// <summary>The embedding model of <c>/v1/embeddings</c> (section <c>Trinity:Embeddings</c>).</summary>
public sealed record EmbeddingOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Trinity:Embeddings";

    /// <summary>Model name clients pass to <c>/v1/embeddings</c>: by default <c>trinity-hash-embed</c> for the built-in
    /// embedder and the folder name for an ONNX encoder.</summary>
    [RegularExpression(@"^[A-Za-z0-9._:/-]{1,128}$")]
    public string? Name { get; init; }

    /// <summary>Vector length of the built-in hashed n-gram embedder.</summary>
    [Range(8, 65536)]
    public int Dimension { get; init; } = 384;

    /// <summary>Folder of an ONNX encoder (<c>model.onnx</c> + <c>tokenizer.json</c>); when set it replaces the
    /// hashed embedder.</summary>
    public string? OnnxModelPath { get; init; }
}
