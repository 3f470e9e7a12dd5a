using System.Text.Json;
using System.Text.RegularExpressions;

namespace Trinity.Bench.Load.Workloads;

/// <summary>Reads a workload file (JSON, snake_case, comments and trailing commas allowed, unknown fields refused so
/// that a typo is an error, not a silently ignored setting) and checks it, naming every problem at once.</summary>
internal static partial class WorkloadReader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads and validates <paramref name="path"/>; throws <see cref="ArgumentException"/> naming the file.</summary>
    public static Workload Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"workload file '{path}' does not exist");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates a workload; <paramref name="source"/> names it in errors.</summary>
    public static Workload Parse(string json, string source)
    {
        Workload? workload;
        try
        {
            workload = JsonSerializer.Deserialize<Workload>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"workload {source}: {ex.Message}", ex);
        }

        if (workload is null)
        {
            throw new ArgumentException($"workload {source}: the file must hold a JSON object");
        }

        var errors = WorkloadValidator.Validate(workload);
        return errors.Count == 0
            ? workload
            : throw new ArgumentException($"workload {source} is not valid:\n  - " + string.Join("\n  - ", errors));
    }

    /// <summary>The vector pool's collection names.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    internal static partial Regex CollectionName();
}
