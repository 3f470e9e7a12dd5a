using System.Globalization;

namespace Trinity.Bench.Soak;

/// <summary>Options of <c>Trinity.Bench soak</c>.</summary>
internal sealed record SoakOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Time before the memory baseline is taken (caches, pools and the JIT fill up first).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromMinutes(5);

    public int Concurrency { get; init; } = 64;

    public int MaxTokens { get; init; } = 16;

    /// <summary>A request not finished within this time is a hang (the run fails).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Largest RSS growth from the first minute after warm-up to the last minute, as a fraction.</summary>
    public double MaxGrowth { get; init; } = 0.10;

    public string Home { get; init; } = Path.Combine(Path.GetTempPath(), "trinity-soak");

    public string? Json { get; init; }

    /// <summary>Gateway settings (<c>--set Trinity:AnswerCache:SemanticEnabled=false,...</c>), to tell which part of it
    /// holds memory that grows.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public string? Svg { get; init; }

    public static SoakOptions Parse(BenchArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var duration = Span(args.String("duration")) ?? TimeSpan.FromMinutes(30);
        var options = new SoakOptions
        {
            Duration = duration,
            WarmUp = Span(args.String("warmup")) ?? TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, duration.Ticks / 5)),
            Concurrency = args.Int("concurrency") ?? 64,
            MaxTokens = args.Int("max-tokens") ?? 16,
            RequestTimeout = Span(args.String("request-timeout")) ?? TimeSpan.FromSeconds(120),
            SampleInterval = Span(args.String("sample-interval")) ?? TimeSpan.FromSeconds(Math.Clamp(duration.TotalSeconds / 120, 2, 15)),
            MaxGrowth = args.Double("max-growth") ?? 0.10,
            Home = args.String("home") ?? Path.Combine(Path.GetTempPath(), "trinity-soak"),
            Json = args.String("json"),
            Settings = (args.StringList("set") ?? []).Select(Setting).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
        options = options with { Svg = args.String("svg") ?? (options.Json is { } json ? Path.ChangeExtension(json, ".svg") : null) };
        if (options.Concurrency < 1 || options.MaxTokens < 1 || options.Duration <= options.WarmUp || options.MaxGrowth <= 0)
        {
            throw new ArgumentException("--concurrency and --max-tokens must be positive, --duration longer than --warmup, --max-growth positive");
        }

        return options;
    }

    private static KeyValuePair<string, string> Setting(string text) => text.Split('=', 2) is [var key, var value] && key.Length > 0
        ? new(key.Replace(":", "__", StringComparison.Ordinal), value)
        : throw new ArgumentException($"--set takes KEY=VALUE pairs, got '{text}'");

    /// <summary>A duration as <c>30m</c>, <c>90s</c>, <c>1h</c> or <c>500ms</c>.</summary>
    public static TimeSpan? Span(string? text)
    {
        if (text is null)
        {
            return null;
        }

        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                return TimeSpan.FromSeconds(value * seconds);
            }
        }

        throw new ArgumentException($"'{text}' is not a duration (e.g. 30m, 90s, 500ms)");
    }
}
