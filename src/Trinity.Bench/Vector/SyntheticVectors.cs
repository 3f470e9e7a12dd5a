namespace Trinity.Bench.Vector;

/// <summary>Deterministic test and benchmark data: uniform-ish random vectors, or Gaussian clusters around random centres.</summary>
internal static class SyntheticVectors
{
    public static float[] Random(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        var data = new float[(long)count * dimension];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)Gaussian(random);
        }

        return data;
    }

    /// <summary>
    /// <paramref name="count"/> vectors around <paramref name="clusters"/> centres (spread 1 per axis, noise
    /// <paramref name="noise"/>). The centres come from <paramref name="centreSeed"/>, so base vectors and queries
    /// drawn with different seeds share them.
    /// </summary>
    public static float[] Clustered(int count, int dimension, int clusters, int seed, int centreSeed = 1, double noise = 0.35)
    {
        var random = new Random(seed);
        var centres = Random(clusters, dimension, centreSeed);
        var data = new float[(long)count * dimension];
        for (var i = 0; i < count; i++)
        {
            var c = random.Next(clusters);
            for (var j = 0; j < dimension; j++)
            {
                data[((long)i * dimension) + j] = centres[(c * dimension) + j] + (float)(noise * Gaussian(random));
            }
        }

        return data;
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
