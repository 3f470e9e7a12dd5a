using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Collections;

namespace Trinity.VectorGpu.Hosting;

/// <summary>Checks of everything a caller sends; every failure is a 400 naming the field.</summary>
internal static class RequestValidator
{
    /// <summary>Largest accepted squared norm: keeps every dot product and distance finite in float32.</summary>
    public const float MaxSquaredNorm = 1e30f;

    public const int MaxDimension = 65536;

    public static void CollectionSpec(CollectionSpec? spec)
    {
        if (spec is null)
        {
            throw VectorPoolException.Invalid("request body must be a JSON object");
        }

        if (!CollectionName.IsValid(spec.Name))
        {
            throw VectorPoolException.Invalid("'name' must be 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'", "name", "invalid_collection_name");
        }

        if (spec.Dimension is < 1 or > MaxDimension)
        {
            throw VectorPoolException.Invalid($"'dimension' must be 1 to {MaxDimension}", "dimension");
        }

        if (!Enum.IsDefined(spec.Metric))
        {
            throw VectorPoolException.Invalid("'metric' must be 'cosine', 'ip' or 'l2'", "metric");
        }

        if (!Enum.IsDefined(spec.Index))
        {
            throw VectorPoolException.Invalid("'index' must be 'flat', 'ivf' or 'graph'", "index");
        }

        if (spec.M is < 2 or > 64 || (spec.M is not null && spec.Index != IndexKind.Graph))
        {
            throw VectorPoolException.Invalid("'m' must be 2 to 64, and only for 'graph'", "m");
        }

        if (spec.EfConstruction is < 8 or > 4096 || (spec.EfConstruction is not null && spec.Index != IndexKind.Graph))
        {
            throw VectorPoolException.Invalid("'ef_construction' must be 8 to 4096, and only for 'graph'", "ef_construction");
        }

        if (!Enum.IsDefined(spec.Storage))
        {
            throw VectorPoolException.Invalid("'storage' must be 'fp32', 'fp16' or 'sq8'", "storage");
        }

        if (spec.Rerank is { } rerank && (!Enum.IsDefined(rerank) || spec.Storage == VectorStorage.Fp32))
        {
            throw VectorPoolException.Invalid("'rerank' must be 'disk', 'memory' or 'none', and only for 'fp16' or 'sq8' storage", "rerank");
        }

        if (spec.Nlist is < 1 or > 65536 || (spec.Nlist is not null && spec.Index != IndexKind.Ivf))
        {
            throw VectorPoolException.Invalid("'nlist' must be 1 to 65536, and only for 'ivf'", "nlist");
        }
    }

    public static void Vector(ReadOnlySpan<float> vector, int dimension, VectorMetric metric, string param)
    {
        if (vector.Length != dimension)
        {
            throw VectorPoolException.Invalid($"dimension mismatch: the collection has dimension {dimension}, '{param}' has {vector.Length} values", param, "dimension_mismatch");
        }

        double squared = 0;
        foreach (var x in vector)
        {
            if (!float.IsFinite(x))
            {
                throw VectorPoolException.Invalid($"'{param}' contains NaN or infinity", param, "invalid_vector");
            }

            squared += (double)x * x;
        }

        if (squared > MaxSquaredNorm)
        {
            throw VectorPoolException.Invalid($"'{param}' is too large (squared norm above 1e30)", param, "invalid_vector");
        }

        if (metric == VectorMetric.Cosine && squared == 0)
        {
            throw VectorPoolException.Invalid($"'{param}' is all zeros, which has no direction for cosine", param, "invalid_vector");
        }
    }

    public static void K(int k)
    {
        if (k is < 1 or > VectorSearchRequest.MaxK)
        {
            throw VectorPoolException.Invalid($"'k' must be 1 to {VectorSearchRequest.MaxK}", "k");
        }
    }

    public static void PointId(PointId id, string param)
    {
        if (string.IsNullOrEmpty(id.Value) || id.Value.Length > Client.PointId.MaxLength)
        {
            throw VectorPoolException.Invalid($"'{param}' must be a string of 1 to {Client.PointId.MaxLength} characters or an integer", param, "invalid_id");
        }
    }
}
