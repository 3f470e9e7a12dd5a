using Trinity.Bench.Load.Workloads;

namespace Trinity.Bench.Load.OpenLoop;

/// <summary>
/// The seeded arrival sequence of an open-loop run: gaps drawn from a gamma distribution with mean 1 / rate (shape 1 is
/// the Poisson process; a smaller shape gives bursts), kinds drawn by weight and prompts uniformly. Times and choices
/// use separate generators, so the same seed gives every policy — and every rate — the same sequence of requests.
/// </summary>
internal static class ArrivalSchedule
{
    public static List<PlannedRequest> Plan(Workload workload, double rate, double durationSeconds, double burstiness, int seed)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (!(rate > 0) || !(durationSeconds > 0) || !(burstiness > 0))
        {
            throw new ArgumentException("rate, duration and burstiness must be positive");
        }

        var times = new Random(seed);
        var choices = new Random(unchecked((seed * 7919) + 1));
        var weights = workload.Kinds.Select(k => k.Weight).ToArray();
        var total = weights.Sum();
        var plan = new List<PlannedRequest>((int)Math.Min(1_000_000, (rate * durationSeconds * 1.2) + 16));
        var at = 0.0;
        while (true)
        {
            at += Gap(times, rate, burstiness);
            if (at >= durationSeconds)
            {
                return plan;
            }

            var kind = Pick(weights, total, choices.NextDouble());
            var prompt = choices.Next(workload.PromptsOf(workload.Kinds[kind]).Count);
            plan.Add(new PlannedRequest(plan.Count, at, kind, prompt));
        }
    }

    /// <summary>A gamma(shape = <paramref name="burstiness"/>, scale = 1 / (rate · shape)) gap: mean 1 / rate, squared
    /// coefficient of variation 1 / shape.</summary>
    public static double Gap(Random random, double rate, double burstiness)
    {
        ArgumentNullException.ThrowIfNull(random);
        return burstiness == 1
            ? -Math.Log(1 - random.NextDouble()) / rate
            : Gamma(random, burstiness) / (rate * burstiness);
    }

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang's method; a shape below 1 is boosted (G(a) = G(a + 1) · U^(1/a)).</summary>
    private static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            return Gamma(random, shape + 1) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1 - random.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    private static double Normal(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static int Pick(double[] weights, double total, double uniform)
    {
        var target = uniform * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
