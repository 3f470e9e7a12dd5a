namespace Trinity.VectorGpu.Embeddings;

/// <summary>Turns text into a fixed-size vector for search (L2-normalised by every Trinity embedder).</summary>
public interface ITextEmbedder
{
    /// <summary>Model name reported by <c>/v1/embeddings</c>.</summary>
    string Name { get; }

    /// <summary>Length of every vector produced.</summary>
    int Dimension { get; }

    /// <summary>Embeds <paramref name="text"/> into <paramref name="destination"/> (length <see cref="Dimension"/>)
    /// and returns the number of tokens the text counted as.</summary>
    int Embed(string text, Span<float> destination);
}
