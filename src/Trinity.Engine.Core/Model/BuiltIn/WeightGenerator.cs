using Trinity.Engine.Sampling;

namespace Trinity.Engine.Model.BuiltIn;

/// <summary>
/// Deterministic pseudo-random weights: each tensor gets its own xoshiro256** stream seeded from the model
/// seed and the tensor's index, so weights do not depend on generation order or platform.
/// </summary>
internal sealed class WeightGenerator(ulong seed)
{
    private ulong _tensorIndex;

    /// <summary>Normally distributed values with the given standard deviation.</summary>
    public float[] Normal(int count, float std)
    {
        var rng = NextStream();
        var values = new float[count];
        for (var i = 0; i < count; i += 2)
        {
            // Box-Muller: two independent normals per pair of uniforms.
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            var radius = Math.Sqrt(-2.0 * Math.Log(u1));
            values[i] = (float)(radius * Math.Cos(2 * Math.PI * u2) * std);
            if (i + 1 < count)
            {
                values[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2) * std);
            }
        }

        return values;
    }

    /// <summary><paramref name="center"/> plus uniform noise in ±<paramref name="spread"/>.</summary>
    public float[] Around(int count, float center, float spread)
    {
        var rng = NextStream();
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = center + (float)((rng.NextDouble() * 2 - 1) * spread);
        }

        return values;
    }

    private Xoshiro256 NextStream() => new(seed ^ (0x9E3779B97F4A7C15UL * ++_tensorIndex));
}
