using System.Globalization;
using Trinity.Bench.Load.Workloads;

namespace Trinity.Bench.Load;

/// <summary>Arguments of <c>serve --workload FILE</c> (open-loop mode); unset values come from the workload file.</summary>
internal sealed record WorkloadOptions
{
    public required string WorkloadPath { get; init; }

    /// <summary>Pool policies to compare (with <see cref="Launch"/>); without it, the label of the server's policy.</summary>
    public IReadOnlyList<string> Policies { get; init; } = ["trinity"];

    /// <summary>Arrival rates (requests/s); null takes the workload's.</summary>
    public IReadOnlyList<double>? Rates { get; init; }

    public double? DurationS { get; init; }

    public double? Burstiness { get; init; }

    public int? Seed { get; init; }

    public int? Warmup { get; init; }

    /// <summary>Runs of every policy; the order alternates (A B, B A, ...) so that a machine's drift falls on both.</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Start a gateway process per run from the binaries beside the bench.</summary>
    public bool Launch { get; init; }

    /// <summary>Home folder prepared for launched gateways.</summary>
    public string? Home { get; init; }

    /// <summary>Rebuild the workload's collections even when they are current.</summary>
    public bool Prepare { get; init; }

    /// <summary>Extra configuration of launched gateways (<c>--set Key=Value,Key=Value</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public Uri? Url { get; init; }

    public string? Model { get; init; }

    public string? ApiKey { get; init; }

    public string? Label { get; init; }

    public string? JsonPath { get; init; }

    /// <summary>Picture of the runs: <c>.svg</c> (the CDF chart alone) or <c>.html</c> (chart and tables).</summary>
    public string? ReportPath { get; init; }

    public static WorkloadOptions Parse(BenchArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var launch = args.Flag("launch");
        var url = args.String("url");
        var options = new WorkloadOptions
        {
            WorkloadPath = ResolveWorkload(args.String("workload")!),
            Policies = args.StringList("policies") ?? (launch ? ["fifo", "trinity"] : ["server"]),
            Rates = args.StringList("rate")?.Select(r => double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v : throw new ArgumentException("--rate must be a list of positive numbers")).ToList(),
            DurationS = args.Double("duration"),
            Burstiness = args.Double("burstiness"),
            Seed = args.Int("seed"),
            Warmup = args.Int("warmup"),
            Repeat = args.Int("repeat") ?? 1,
            Launch = launch,
            Home = args.String("home"),
            Prepare = args.Flag("prepare"),
            Settings = ParseSettings(args.StringList("set")),
            Url = url is null ? null : new Uri(url.TrimEnd('/') + "/"),
            Model = args.String("model"),
            ApiKey = args.String("api-key"),
            Label = args.String("label"),
            JsonPath = args.String("json"),
            ReportPath = args.String("report"),
        };
        if (options.Launch == (options.Url is not null))
        {
            throw new ArgumentException("serve --workload needs exactly one of --launch (start a gateway per policy) and --url http://HOST:PORT/v1");
        }

        if (!options.Launch && options.Policies.Count != 1)
        {
            throw new ArgumentException("comparing --policies needs --launch; with --url, --policies only labels the server's policy");
        }

        if (options.Policies.Any(p => p.Length == 0) || options.Policies.Distinct(StringComparer.Ordinal).Count() != options.Policies.Count)
        {
            throw new ArgumentException("--policies must be distinct names, e.g. fifo,trinity");
        }

        if (options.Repeat < 1 || options.DurationS is <= 0 || options.Burstiness is <= 0 || options.Warmup is < 0)
        {
            throw new ArgumentException("--repeat, --duration and --burstiness must be positive, --warmup not negative");
        }

        if (options.ReportPath is { } report && !report.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) && !report.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("--report must name an .svg or .html file");
        }

        return options;
    }

    /// <summary>A file path, or the name of a workload shipped beside the bench (<c>mixed</c> → Workloads/mixed.json).</summary>
    private static string ResolveWorkload(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var shipped = Path.Combine(AppContext.BaseDirectory, "Workloads", path.EndsWith(".json", StringComparison.Ordinal) ? path : path + ".json");
        return File.Exists(shipped) ? shipped : path;
    }

    private static Dictionary<string, string> ParseSettings(List<string>? pairs)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"--set takes Key=Value pairs separated by commas; '{pair}' has no '='");
            }

            settings[pair[..eq]] = pair[(eq + 1)..];
        }

        return settings;
    }

    /// <summary>The workload with this command line's overrides applied.</summary>
    public Workload Apply(Workload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload with
        {
            DurationS = DurationS ?? workload.DurationS,
            Burstiness = Burstiness ?? workload.Burstiness,
            Seed = Seed ?? workload.Seed,
            WarmupRequests = Warmup ?? workload.WarmupRequests,
        };
    }
}
