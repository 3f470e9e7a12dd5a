using Trinity.Bench.Soak;

namespace Trinity.Bench.Chaos;

/// <summary>Options of <c>Trinity.Bench chaos</c>.</summary>
internal sealed record ChaosOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Time between the end of one restart and the next kill.</summary>
    public TimeSpan KillEvery { get; init; } = TimeSpan.FromSeconds(20);

    public int Concurrency { get; init; } = 8;

    public int MaxTokens { get; init; } = 16;

    /// <summary>A request not ended (answer, retried answer or error) within this time is a hang: the run fails.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string Home { get; init; } = Path.Combine(Path.GetTempPath(), "trinity-chaos");

    public int? Seed { get; init; }

    public string? Json { get; init; }

    public static ChaosOptions Parse(BenchArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new ChaosOptions
        {
            Duration = SoakOptions.Span(args.String("duration")) ?? TimeSpan.FromMinutes(5),
            KillEvery = SoakOptions.Span(args.String("kill-every")) ?? TimeSpan.FromSeconds(20),
            Concurrency = args.Int("concurrency") ?? 8,
            MaxTokens = args.Int("max-tokens") ?? 16,
            RequestTimeout = SoakOptions.Span(args.String("request-timeout")) ?? TimeSpan.FromSeconds(60),
            Home = args.String("home") ?? Path.Combine(Path.GetTempPath(), "trinity-chaos"),
            Seed = args.Int("seed"),
            Json = args.String("json"),
        };
        if (options.Concurrency < 1 || options.MaxTokens < 1)
        {
            throw new ArgumentException("--concurrency and --max-tokens must be positive");
        }

        return options;
    }
}
