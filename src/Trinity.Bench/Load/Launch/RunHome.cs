using Trinity.Bench.Load.Workloads;

namespace Trinity.Bench.Load.Launch;

/// <summary>
/// The home folder of one launched gateway: a fresh folder under <c>{home}/bench-runs/</c> whose <c>models</c> and
/// workload collections are symbolic links to the prepared home's. Every policy reads the same prepared data, while
/// what a run creates (the answer cache's collection, logs) stays in its own folder and cannot favour the next run.
/// </summary>
internal static class RunHome
{
    public static string Create(string preparedHome, string runName, Workload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var run = Path.Combine(preparedHome, "bench-runs", runName);
        if (Directory.Exists(run))
        {
            // Deleting a folder removes the links it holds, never what they point to.
            Directory.Delete(run, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(run, "collections"));
        var models = Path.Combine(preparedHome, "models");
        if (Directory.Exists(models))
        {
            Directory.CreateSymbolicLink(Path.Combine(run, "models"), models);
        }

        foreach (var collection in workload.Collections)
        {
            var prepared = Path.Combine(preparedHome, "collections", collection.Name);
            if (Directory.Exists(prepared))
            {
                Directory.CreateSymbolicLink(Path.Combine(run, "collections", collection.Name), prepared);
            }
        }

        return run;
    }
}
