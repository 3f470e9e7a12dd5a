using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Trinity.Bench.Reports;
using Trinity.Common;
using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;
using Trinity.Engine.Model;
using Trinity.Engine.Model.BuiltIn;
using Trinity.Engine.Model.Reference;
using Trinity.VectorGpu.Storage;

namespace Trinity.Bench.Engines;

/// <summary>
/// <c>engine [--model DIR] [--prompt-tokens 128] [--max-tokens 64] [--concurrency 1,4,16] [--iterations 5] [--backends trinity,genai]
/// [--constraint json-object|SCHEMA.json] [--json OUT]</c>:
/// time to first token and decode throughput of Trinity's engine and of ONNX Runtime GenAI's own loop on the same
/// model, in one process, alternating backends per iteration, reporting medians after a warm-up. At concurrency N
/// Trinity serves N concurrent requests through its continuous batch and GenAI runs its own batched generation (one
/// generator, batch N, equal-length prompts): both peers' aggregate tokens/s at the same N. With <c>--constraint</c> the
/// backend <c>trinity+constraint</c> runs the same requests grammar-constrained (every row masked at every step), so
/// <c>tpot_ms</c> with and without the constraint compare at the same batch size.
/// </summary>
internal static class EngineBenchCommand
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var modelDir = args.String("model") ?? BuiltInModels.EnsureTrinityTiny(TrinityHome.Models(TrinityHome.Resolve()));
        var promptTokens = args.Int("prompt-tokens") ?? 128;
        var maxTokens = args.Int("max-tokens") ?? 64;
        var concurrencies = args.IntList("concurrency") ?? [1];
        var iterations = args.Int("iterations") ?? 5;
        var backends = args.StringList("backends") ?? ["trinity", "genai"];
        var threads = args.Int("threads") ?? 0;
        var jsonPath = args.String("json");
        var constraintArg = args.String("constraint");
        TokenConstraint? constraint = constraintArg switch
        {
            null => null,
            "json-object" => TokenConstraint.JsonObject,
            var file => TokenConstraint.JsonSchema(File.ReadAllText(file)),
        };
        if (constraint is not null)
        {
            backends = [.. backends, "trinity+constraint"];
        }

        var model = ModelFolder.Open(modelDir);
        var report = new BenchReport($"engine --model {modelDir} --prompt-tokens {promptTokens} --max-tokens {maxTokens} --concurrency {string.Join(',', concurrencies)}");
        using var engine = new InProcessEngine(model, new EngineOptions { IntraOpThreads = threads, MaxBatchSize = Math.Max(64, concurrencies.Max()) });
        using var reference = backends.Contains("genai") ? new GenAiReference(model.Directory) : null;

        foreach (var concurrency in concurrencies)
        {
            var samples = backends.ToDictionary(b => b, _ => new List<Sample>());
            for (var i = -1; i < iterations; i++)
            {
                // Alternate which backend goes first so that neither always runs on a warmer machine.
                var order = i % 2 == 0 ? backends : backends.AsEnumerable().Reverse().ToList();
                foreach (var backend in order)
                {
                    var prompts = Enumerable.Range(0, concurrency).Select(c => Prompt(promptTokens, (i + 1) * 1000 + c)).ToArray();
                    var sample = backend switch
                    {
                        "genai" when concurrency == 1 => RunGenAi(reference!, prompts[0], maxTokens),
                        "genai" => RunGenAiBatch(reference!, prompts, maxTokens),
                        "trinity+constraint" => await RunTrinityAsync(engine, prompts, maxTokens, constraint).ConfigureAwait(false),
                        _ => await RunTrinityAsync(engine, prompts, maxTokens, null).ConfigureAwait(false),
                    };
                    if (i >= 0)
                    {
                        samples[backend].Add(sample);
                    }
                }
            }

            foreach (var (backend, list) in samples.Where(s => s.Value.Count > 0))
            {
                report.Add(new JsonObject
                {
                    ["backend"] = backend,
                    ["concurrency"] = concurrency,
                    ["tokens_per_s"] = Round(Percentiles.Median([.. list.Select(s => s.TokensPerSecond)])),
                    ["decode_tokens_per_s"] = Round(Percentiles.Median([.. list.Select(s => s.DecodeTokensPerSecond)])),
                    ["ttft_ms"] = Round(Percentiles.Median([.. list.Select(s => s.TtftMs)])),
                    ["e2e_ms"] = Round(Percentiles.Median([.. list.Select(s => s.E2eMs)])),
                    ["tpot_ms"] = Round(Percentiles.Median([.. list.Select(s => s.TpotMs)])),
                    ["constraint"] = backend == "trinity+constraint" ? constraintArg : null,
                    ["prompt_tokens"] = promptTokens,
                    ["max_tokens"] = maxTokens,
                    ["iterations"] = list.Count,
                });
            }
        }

        Print(report);
        report.Write(jsonPath);
        return 0;
    }

    private static async Task<Sample> RunTrinityAsync(InProcessEngine engine, int[][] prompts, int maxTokens, TokenConstraint? constraint)
    {
        var clock = Stopwatch.StartNew();
        var tasks = prompts.Select(async (prompt, index) =>
        {
            var request = new GenerationRequest
            {
                RequestId = $"bench-{index}",
                PromptTokens = prompt,
                MaxTokens = maxTokens,
                IgnoreEos = true,
                Sampling = SamplingParams.Greedy,
                Constraint = constraint,
            };
            double first = 0;
            var count = 0;
            await foreach (var output in engine.GenerateAsync(request, CancellationToken.None).ConfigureAwait(false))
            {
                if (count == 0 && output.Tokens.Length > 0)
                {
                    first = clock.Elapsed.TotalMilliseconds;
                }

                count += output.Tokens.Length;
            }

            return (first, last: clock.Elapsed.TotalMilliseconds, count);
        }).ToArray();
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        var total = results.Sum(r => r.count);
        var end = results.Max(r => r.last);
        var ttft = Percentiles.Median([.. results.Select(r => r.first)]);
        var decode = results.Average(r => (r.count - 1) / Math.Max(1e-9, (r.last - r.first) / 1000.0));
        var tpot = Percentiles.Median([.. results.Where(r => r.count > 1).Select(r => (r.last - r.first) / (r.count - 1))]);
        return new Sample(total / (end / 1000.0), decode * prompts.Length, ttft, end, tpot);
    }

    private static Sample RunGenAi(GenAiReference reference, int[] prompt, int maxTokens)
    {
        var clock = Stopwatch.StartNew();
        double first = 0;
        var count = 0;
        // GenAI streams text too (TokenizerStream per token), the same work as Trinity's engine.
        reference.Generate(prompt, maxTokens, SamplingParams.Greedy, ignoreEos: true, streamText: true, onToken: _ =>
        {
            if (count++ == 0)
            {
                first = clock.Elapsed.TotalMilliseconds;
            }
        });
        var end = clock.Elapsed.TotalMilliseconds;
        return new Sample(count / (end / 1000.0), (count - 1) / Math.Max(1e-9, (end - first) / 1000.0), first, end, (end - first) / Math.Max(1, count - 1));
    }

    private static Sample RunGenAiBatch(GenAiReference reference, int[][] prompts, int maxTokens)
    {
        var clock = Stopwatch.StartNew();
        double first = 0;
        reference.GenerateBatch(prompts, maxTokens, step =>
        {
            if (step == 1)
            {
                first = clock.Elapsed.TotalMilliseconds;
            }
        });
        var end = clock.Elapsed.TotalMilliseconds;
        var total = prompts.Length * maxTokens;
        return new Sample(total / (end / 1000.0), prompts.Length * (maxTokens - 1) / Math.Max(1e-9, (end - first) / 1000.0), first, end, (end - first) / Math.Max(1, maxTokens - 1));
    }

    /// <summary>A deterministic prompt of byte tokens (present in every byte-level vocabulary).</summary>
    private static int[] Prompt(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => random.Next(32, 127)).ToArray();
    }

    private static double Round(double value) => Math.Round(value, 3);

    private static void Print(BenchReport report)
    {
        var table = new Table().AddColumns("backend", "concurrency", "tokens/s", "decode tokens/s", "TTFT ms", "TPOT ms", "E2E ms");
        foreach (var run in report.Runs)
        {
            table.AddRow(
                run["backend"]!.ToString(),
                run["concurrency"]!.ToString(),
                Format(run["tokens_per_s"]),
                Format(run["decode_tokens_per_s"]),
                Format(run["ttft_ms"]),
                Format(run["tpot_ms"]),
                Format(run["e2e_ms"]));
        }

        AnsiConsole.Write(table);
    }

    private static string Format(JsonNode? node) => node!.GetValue<double>().ToString("0.##", CultureInfo.InvariantCulture);

    private readonly record struct Sample(double TokensPerSecond, double DecodeTokensPerSecond, double TtftMs, double E2eMs, double TpotMs);
}
