namespace Trinity.Bench.Ingest;

/// <summary>Arguments of <c>ingest</c>.</summary>
internal sealed record IngestOptions
{
    /// <summary>Folder walked recursively.</summary>
    public required string Directory { get; init; }

    public required string Collection { get; init; }

    /// <summary>Server root (<c>http://host:port/</c>); a given <c>…/v1</c> is accepted and dropped.</summary>
    public required Uri Url { get; init; }

    public int? ChunkTokens { get; init; }

    public int? OverlapTokens { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>Documents per request.</summary>
    public int Batch { get; init; } = 32;

    /// <summary>Text per request, in characters, whatever <see cref="Batch"/> says (keeps bodies under the server's limit).</summary>
    public int BatchChars { get; init; } = 1024 * 1024;

    /// <summary>File name extensions taken, without dots, lower case.</summary>
    public IReadOnlySet<string> Extensions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "md", "markdown", "txt" };

    public string? JsonPath { get; init; }

    public static IngestOptions Parse(BenchArguments args)
    {
        var directory = args.String("dir") ?? throw new ArgumentException("--dir is required");
        var collection = args.String("collection") ?? throw new ArgumentException("--collection is required");
        var url = args.String("url") ?? throw new ArgumentException("--url is required (e.g. http://127.0.0.1:8000)");
        if (!System.IO.Directory.Exists(directory))
        {
            throw new ArgumentException($"--dir '{directory}' is not a folder");
        }

        var options = new IngestOptions
        {
            Directory = Path.GetFullPath(directory),
            Collection = collection,
            Url = Root(url),
            ChunkTokens = args.Int("chunk-tokens"),
            OverlapTokens = args.Int("overlap"),
            ApiKey = args.String("api-key"),
            Batch = args.Int("batch") ?? 32,
            JsonPath = args.String("json"),
        };
        if (args.StringList("extensions") is { } extensions)
        {
            options = options with { Extensions = extensions.Select(e => e.TrimStart('.')).ToHashSet(StringComparer.OrdinalIgnoreCase) };
        }

        if (options.Batch < 1 || options.Extensions.Count == 0)
        {
            throw new ArgumentException("--batch must be at least 1 and --extensions must name at least one extension");
        }

        return options;
    }

    private static Uri Root(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"--url '{url}' is not an http(s) URL");
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v1", StringComparison.Ordinal))
        {
            path = path[..^3];
        }

        return new UriBuilder(uri) { Path = path + "/" }.Uri;
    }
}
