namespace Trinity.Bench.Load;

/// <summary>Arguments of <c>serve</c>.</summary>
internal sealed record ServeOptions
{
    /// <summary>OpenAI base URL (…/v1); null with <see cref="InProcess"/> only.</summary>
    public Uri? Url { get; init; }

    /// <summary>Model id; null takes the first of <c>/v1/models</c>.</summary>
    public string? Model { get; init; }

    public string? ApiKey { get; init; }

    public IReadOnlyList<int> Concurrency { get; init; } = [1];

    /// <summary>Measured requests per concurrency level (after the warm-up).</summary>
    public int Requests { get; init; } = 64;

    public int Warmup { get; init; } = 32;

    public int MaxTokens { get; init; } = 32;

    /// <summary>Sends <c>ignore_eos</c> so that every request generates exactly <see cref="MaxTokens"/> tokens.</summary>
    public bool IgnoreEos { get; init; } = true;

    public string Label { get; init; } = "gateway";

    public double SloTtftMs { get; init; } = 1000;

    public double SloTpotMs { get; init; } = 100;

    /// <summary>Also host the gateway in this process and compare it with its engine called directly.</summary>
    public bool InProcess { get; init; }

    /// <summary>Model folder of the in-process comparison; null is the built-in model.</summary>
    public string? ModelDirectory { get; init; }

    public string? JsonPath { get; init; }

    public static ServeOptions Parse(BenchArguments args)
    {
        var url = args.String("url");
        var options = new ServeOptions
        {
            Url = url is null ? null : new Uri(url.TrimEnd('/') + "/"),
            Model = args.String("model"),
            ApiKey = args.String("api-key"),
            Concurrency = args.IntList("concurrency") ?? [1],
            Requests = args.Int("requests") ?? 64,
            Warmup = args.Int("warmup") ?? 32,
            MaxTokens = args.Int("max-tokens") ?? 32,
            IgnoreEos = !args.Flag("no-ignore-eos"),
            Label = args.String("label") ?? "gateway",
            SloTtftMs = args.Double("slo-ttft-ms") ?? 1000,
            SloTpotMs = args.Double("slo-tpot-ms") ?? 100,
            InProcess = args.Flag("in-process"),
            ModelDirectory = args.String("model-dir"),
            JsonPath = args.String("json"),
        };
        if (options.Url is null && !options.InProcess)
        {
            throw new ArgumentException("serve needs --url http://HOST:PORT/v1 and/or --in-process");
        }

        if (options.Requests < 1 || options.MaxTokens < 1 || options.Concurrency.Any(c => c < 1))
        {
            throw new ArgumentException("--requests, --max-tokens and --concurrency must be positive");
        }

        return options;
    }

    /// <summary>The user message of request <paramref name="index"/>: distinct per request, so that no cache can
    /// answer it.</summary>
    public static string Prompt(int index) => $"Request {index}: write a short story about a lighthouse keeper and a fox.";
}
