namespace Trinity.VectorGpu.Quantization;

/// <summary>
/// A query in the form a <see cref="SearchVectors"/> compares against its vectors: the padded fp32 vector with its
/// squared norm, and for SQ8 the query folded into the codes' ranges and quantized to signed bytes.
/// </summary>
internal sealed class PreparedQuery
{
    public PreparedQuery(float[] vector, float squaredNorm)
    {
        Vector = vector;
        SquaredNorm = squaredNorm;
    }

    /// <summary>Padded fp32 query (normalised for cosine).</summary>
    public float[] Vector { get; }

    public float SquaredNorm { get; }

    /// <summary>SQ8: round(scale_d·q_d / <see cref="CodeScale"/>), padded with zeros.</summary>
    public sbyte[]? Codes { get; init; }

    /// <summary>SQ8: value of one unit of <see cref="Codes"/>·code.</summary>
    public float CodeScale { get; init; }

    /// <summary>SQ8: Σ min_d·q_d, the part of every dot product that does not depend on the codes.</summary>
    public float Offset { get; init; }
}
