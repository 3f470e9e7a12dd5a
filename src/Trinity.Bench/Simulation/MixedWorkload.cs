namespace Trinity.Bench.Simulation;

/// <summary>
/// A seeded open-loop mix of vector queries: Poisson arrivals at <c>rate</c> per second, each decode-stage with
/// probability <c>decodeShare</c> (retrieval during generation, tight TPOT deadline), otherwise prefill-stage
/// (RAG before prefill over the large corpus, TTFT deadline).
/// </summary>
internal sealed record MixedWorkload(double Rate, double DurationSeconds, double DecodeShare, int Seed)
{
    public IReadOnlyList<(double AtSeconds, bool Decode, int QueryIndex)> Arrivals()
    {
        var random = new Random(Seed);
        var arrivals = new List<(double, bool, int)>();
        var t = 0.0;
        for (var i = 0; ; i++)
        {
            t += -Math.Log(1 - random.NextDouble()) / Rate;
            if (t >= DurationSeconds)
            {
                return arrivals;
            }

            arrivals.Add((t, random.NextDouble() < DecodeShare, i));
        }
    }
}
