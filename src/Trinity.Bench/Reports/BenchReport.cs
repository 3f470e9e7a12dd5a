using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trinity.Bench.Reports;

/// <summary>
/// The JSON every bench command writes with <c>--json FILE</c>: <c>{"command", "machine", "runs": [...]}</c>, runs
/// being flat snake_case records (DESIGN.md §7), so results can be compared over time.
/// </summary>
internal sealed class BenchReport(string command)
{
    private readonly List<JsonObject> _runs = [];

    public IReadOnlyList<JsonObject> Runs => _runs;

    public void Add(JsonObject run) => _runs.Add(run);

    public void Write(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var runs = new JsonArray();
        foreach (var run in _runs)
        {
            runs.Add(run.DeepClone());
        }

        var root = new JsonObject
        {
            ["command"] = command,
            ["machine"] = Machine(),
            ["runs"] = runs,
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public static JsonObject Machine() => new()
    {
        ["cores"] = Environment.ProcessorCount,
        ["cpu"] = CpuModel(),
        ["os"] = RuntimeInformation.OSDescription,
        ["arch"] = RuntimeInformation.OSArchitecture.ToString(),
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["memory_gib"] = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
