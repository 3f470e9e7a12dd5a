using System.Text.Json;
using Trinity.Bench.Load.Workloads;

namespace Trinity.Bench.Load.Launch;

/// <summary>
/// Records in <c>{home}/bench-prepared/{collection}.json</c> the definition a collection was built from, so that the
/// prepare step rebuilds only what is missing or was defined differently (a changed size, seed or file list).
/// </summary>
internal static class PreparedMarker
{
    public static bool IsCurrent(string home, WorkloadCollection collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var marker = PathOf(home, collection.Name);
        return File.Exists(marker)
            && Directory.Exists(Path.Combine(home, "collections", collection.Name))
            && File.ReadAllText(marker) == Serialize(collection);
    }

    public static void Write(string home, WorkloadCollection collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var marker = PathOf(home, collection.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        File.WriteAllText(marker, Serialize(collection));
    }

    public static void Remove(string home, string name)
    {
        if (File.Exists(PathOf(home, name)))
        {
            File.Delete(PathOf(home, name));
        }
    }

    private static string PathOf(string home, string name) => Path.Combine(home, "bench-prepared", name + ".json");

    private static string Serialize(WorkloadCollection collection) => JsonSerializer.Serialize(collection);
}
