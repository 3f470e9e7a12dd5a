using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Trinity.Bench.Reports;

/// <summary>The JSON every bench command writes with <c>--json FILE</c>: <c>{"command", "machine", "runs"}</c> (DESIGN.md §7).</summary>
internal static class BenchReport
{
    public static Dictionary<string, object?> Machine() => new()
    {
        ["cpu"] = CpuModel(),
        ["cores"] = Environment.ProcessorCount,
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["avx512"] = Vector512.IsHardwareAccelerated,
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static void Write(string? path, string command, IReadOnlyList<Dictionary<string, object?>> runs, Dictionary<string, object?>? extra = null)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var document = new Dictionary<string, object?> { ["command"] = command, ["machine"] = Machine(), ["runs"] = runs };
        foreach (var pair in extra ?? [])
        {
            document[pair.Key] = pair.Value;
        }

        File.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
