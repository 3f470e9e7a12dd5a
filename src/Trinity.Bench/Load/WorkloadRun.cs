using System.Text.Json.Nodes;
using Trinity.Bench.Load.OpenLoop;

namespace Trinity.Bench.Load;

/// <summary>One open-loop run of a workload command: its policy, rate and repetition, the samples (for the picture)
/// and the records it added to the report (overall first, then per kind).</summary>
internal sealed record WorkloadRun(string Policy, double Rate, int Repeat, IReadOnlyList<WorkloadSample> Samples, IReadOnlyList<JsonObject> Records)
{
    /// <summary>How the run is named in the picture's legend.</summary>
    public string Name(bool withRate, bool withRepeat) =>
        Policy + (withRate ? FormattableString.Invariant($" @ {Rate:0.##}/s") : string.Empty) + (withRepeat ? $" #{Repeat + 1}" : string.Empty);
}
