namespace Trinity.VectorGpu.Scheduling;

/// <summary>A device's expected time to scan a slice for some number of queries: what the iteration budget is spent in.</summary>
internal interface IScanCostModel
{
    /// <summary>Seconds to scan <paramref name="rows"/> vectors of <paramref name="stride"/> floats for <paramref name="queries"/> queries at once.</summary>
    double SliceSeconds(int rows, int stride, int queries);

    /// <summary>Seconds of one step of a walk that scores up to <paramref name="rows"/> scattered vectors of <paramref name="stride"/> floats.</summary>
    double StepSeconds(int rows, int stride) => SliceSeconds(rows, stride, 1);
}
