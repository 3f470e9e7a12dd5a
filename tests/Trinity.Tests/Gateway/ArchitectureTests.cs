using System.Text.RegularExpressions;
using Trinity.Tests.Gateway.Retrieval.Ingestion;

namespace Trinity.Tests.Gateway;

/// <summary>
/// The gateway's namespaces form layers, read from the sources' <c>using</c> lines: the protocol layer (OpenAI and
/// Trinity HTTP APIs, their documentation, the API-key middleware) → <c>Pipeline</c> → the stages (<c>Cache</c>,
/// <c>Retrieval</c>, <c>Scheduling</c>, <c>Engines</c>) → <c>Diagnostics</c> and <c>Errors</c>. Nothing points back
/// up, the stages do not form a cycle, and below the protocol layer nothing touches ASP.NET Core's HTTP types.
/// </summary>
public sealed partial class ArchitectureTests
{
    private const int Protocol = 4;

    /// <summary>Rank of each top-level folder (= namespace under <c>Trinity.Gateway</c>); a file may use its own rank and lower.</summary>
    private static readonly Dictionary<string, int> Ranks = new(StringComparer.Ordinal)
    {
        ["OpenAi"] = Protocol,
        ["TrinityApi"] = Protocol,
        ["Documentation"] = Protocol,
        ["Security"] = Protocol,
        ["Pipeline"] = 3,
        ["Cache"] = 2,
        ["Retrieval"] = 2,
        ["Scheduling"] = 2,
        ["Engines"] = 2,
        ["Diagnostics"] = 1,
        ["Errors"] = 1,
        ["Tenancy"] = 1,
    };

    /// <summary>Files below the protocol layer allowed to speak HTTP: the health endpoints' mapping and the HTTP
    /// metrics middleware.</summary>
    private static readonly HashSet<string> HttpEdgeFiles = new(StringComparer.Ordinal)
    {
        "Diagnostics/HealthExtensions.cs",
        "Diagnostics/HttpMetricsMiddleware.cs",
    };

    private static string GatewayRoot => Path.Combine(IngestionTestData.RepositoryRoot, "src", "Trinity.Gateway");

    [Fact]
    public void Namespaces_BelowProtocol_DoNotUseOpenAi()
    {
        var offenders = Sources()
            .Where(s => s.Rank < Protocol)
            .SelectMany(s => s.Usings.Where(u => u.StartsWith("Trinity.Gateway.OpenAi", StringComparison.Ordinal)).Select(u => $"{s.Path}: {u}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Namespaces_EveryLayer_UsesOnlyItsOwnOrLowerLayers()
    {
        var offenders = Sources()
            .SelectMany(s => s.Usings
                .Select(u => (Using: u, Folder: FolderOf(u)))
                .Where(u => u.Folder is not null && Ranks.TryGetValue(u.Folder, out var rank) && rank > s.Rank)
                .Select(u => $"{s.Path}: {u.Using}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Namespaces_TopLevelFolders_FormNoCycle()
    {
        var edges = Sources()
            .SelectMany(s => s.Usings.Select(FolderOf).OfType<string>().Where(Ranks.ContainsKey).Where(t => t != s.Folder).Select(t => (s.Folder, t)))
            .Distinct()
            .ToLookup(e => e.Item1, e => e.Item2);
        var cycle = Ranks.Keys.Select(start => FindCycle(start, edges, [])).FirstOrDefault(c => c is not null);
        Assert.True(cycle is null, "Namespace cycle: " + string.Join(" -> ", cycle ?? []));
    }

    [Fact]
    public void Files_BelowProtocol_DoNotUseAspNetCoreHttpTypes()
    {
        var offenders = Sources()
            .Where(s => s.Rank < Protocol && !HttpEdgeFiles.Contains(s.Path))
            .Select(s => (s.Path, Match: HttpType().Match(s.Code)))
            .Where(s => s.Match.Success)
            .Select(s => $"{s.Path}: {s.Match.Value}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Sources_GatewayFolders_AreAllRanked()
    {
        // A new top-level folder must be placed in a layer, or the tests above would not look at it.
        var unranked = Directory.GetDirectories(GatewayRoot)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(d => d is not ("bin" or "obj" or "Properties") && !Ranks.ContainsKey(d))
            .ToList();
        Assert.Empty(unranked);
        Assert.Contains(Sources(), s => s.Folder == "Pipeline" && s.Path.EndsWith("RequestPipeline.cs", StringComparison.Ordinal));
    }

    private static string? FolderOf(string @namespace)
    {
        const string prefix = "Trinity.Gateway.";
        if (!@namespace.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = @namespace[prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static List<string>? FindCycle(string node, ILookup<string, string> edges, List<string> path)
    {
        if (path.Contains(node))
        {
            return [.. path[path.IndexOf(node)..], node];
        }

        path.Add(node);
        foreach (var next in edges[node])
        {
            if (FindCycle(next, edges, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        return null;
    }

    private static List<Source> Sources()
    {
        var root = GatewayRoot;
        var sources = new List<Source>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var path = Path.GetRelativePath(root, file).Replace('\\', '/');
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || path.StartsWith("obj/", StringComparison.Ordinal) || path.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue; // The composition root (GatewayExtensions, Program) wires every layer.
            }

            var folder = path[..slash];
            var text = File.ReadAllText(file);
            var usings = UsingLine().Matches(text).Select(m => m.Groups[1].Value).ToList();
            var code = Comment().Replace(text, string.Empty);
            sources.Add(new Source(path, folder, Ranks.GetValueOrDefault(folder, Protocol), usings, code));
        }

        Assert.NotEmpty(sources);
        return sources;
    }

    [GeneratedRegex(@"^using\s+(?:static\s+)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex Comment();

    /// <summary>ASP.NET Core's HTTP types (in scope everywhere through the Web SDK's implicit usings, so looked for by
    /// name); <c>Results.</c> only as the static class, not as a property.</summary>
    [GeneratedRegex(@"\b(HttpContext|HttpRequest|HttpResponse|IHeaderDictionary|StatusCodes|IResult|TypedResults|RequestDelegate|IEndpointRouteBuilder|IApplicationBuilder|BadHttpRequestException|IFormFile)\b|(?<![.\w])Results\.")]
    private static partial Regex HttpType();

    private sealed record Source(string Path, string Folder, int Rank, List<string> Usings, string Code);
}
