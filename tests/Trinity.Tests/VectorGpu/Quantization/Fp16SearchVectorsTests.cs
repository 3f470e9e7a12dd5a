using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Quantization;

namespace Trinity.Tests.VectorGpu.Quantization;

public sealed class Fp16SearchVectorsTests
{
    [Fact]
    public void Distances_HalfValuesIncludingSubnormalsAndNegatives_EqualDotOfWidenedHalves()
    {
        float[] values = [0f, -0f, 1.5f, -2.25f, 6.1e-5f, 3e-7f, -65504f, 1000.125f, 0.1f, -0.3333f];
        var padded = new float[32];
        values.CopyTo(padded, 0);
        var vectors = new Fp16SearchVectors(values.Length, VectorMetric.Ip, 4);
        vectors.Set(0, padded);
        var query = new float[32];
        for (var i = 0; i < values.Length; i++)
        {
            query[i] = i + 1;
        }

        var distances = new float[1];
        vectors.Distances(vectors.Prepare(query), [0], distances);

        var expected = values.Select((v, i) => (double)(float)(Half)v * (i + 1)).Sum();
        Assert.Equal(-expected, distances[0], 1e-1);
    }
}
