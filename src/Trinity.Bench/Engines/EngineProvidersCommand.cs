using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Trinity.Bench.Reports;
using Trinity.Common;
using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;
using Trinity.Engine.Model;
using Trinity.Engine.Model.BuiltIn;
using Trinity.VectorGpu.Storage;

namespace Trinity.Bench.Engines;

/// <summary>
/// <c>engine-ep [--model DIR] [--prompts 4] [--prompt-tokens 48] [--max-tokens 32] [--json OUT]</c>: the same greedy
/// requests on the CUDA execution provider and on the CPU one, in one process: the tokens must be identical. Exit
/// code 0 when they are, 1 when they differ, 3 when this build or machine has no CUDA execution provider (the run
/// then says why, from the engine's one fallback line).
/// </summary>
internal static class EngineProvidersCommand
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var modelDir = args.String("model") ?? BuiltInModels.EnsureTrinityTiny(TrinityHome.Models(TrinityHome.Resolve()));
        var prompts = args.Int("prompts") ?? 4;
        var promptTokens = args.Int("prompt-tokens") ?? 48;
        var maxTokens = args.Int("max-tokens") ?? 32;
        var model = ModelFolder.Open(modelDir);
        using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => o.SingleLine = true));
        var logger = logging.CreateLogger("Trinity.Engine");
        Console.WriteLine($"ONNX Runtime providers: {string.Join(", ", Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetAvailableProviders())}");
        var outputs = new Dictionary<string, (string Provider, int[][] Tokens, double Ms)>();
        foreach (var preference in new[] { "cuda", "cpu" })
        {
            ExecutionProviders.Preference = preference == "cuda" ? "auto" : "cpu";
            using var engine = new InProcessEngine(model, new EngineOptions { MaxBatchSize = Math.Max(8, prompts) }, logger);
            var provider = ExecutionProviders.Last;
            var clock = Stopwatch.StartNew();
            var tokens = await Task.WhenAll(Enumerable.Range(0, prompts).Select(i => GenerateAsync(engine, Prompt(promptTokens, 7 + i), maxTokens))).ConfigureAwait(false);
            outputs[preference] = (provider, tokens, clock.Elapsed.TotalMilliseconds);
            Console.WriteLine($"{preference}: session on {provider}, {prompts} × {maxTokens} greedy tokens in {clock.Elapsed.TotalMilliseconds:F0} ms");
        }

        var cuda = outputs["cuda"];
        var cpu = outputs["cpu"];
        var ran = cuda.Provider == "cuda";
        var equal = cuda.Tokens.Zip(cpu.Tokens).All(p => p.First.SequenceEqual(p.Second));
        Console.WriteLine(!ran ? "CUDA execution provider unavailable: nothing to compare" : equal ? "CUDA and CPU greedy tokens identical" : "CUDA and CPU greedy tokens DIFFER");
        var report = new BenchReport("engine-ep");
        report.Add(JsonSerializer.SerializeToNode(new Dictionary<string, object?>
        {
            ["backend"] = "trinity",
            ["provider"] = cuda.Provider,
            ["reference"] = "cpu",
            ["prompts"] = prompts,
            ["max_tokens"] = maxTokens,
            ["cuda_ms"] = Math.Round(cuda.Ms, 1),
            ["cpu_ms"] = Math.Round(cpu.Ms, 1),
            ["equal"] = ran ? equal : null,
        })!.AsObject());
        report.Write(args.String("json"));
        return !ran ? 3 : equal ? 0 : 1;
    }

    private static async Task<int[]> GenerateAsync(InProcessEngine engine, int[] prompt, int maxTokens)
    {
        var request = new GenerationRequest { RequestId = $"ep-{prompt[0]}-{prompt.Length}", PromptTokens = prompt, MaxTokens = maxTokens, IgnoreEos = true, Sampling = SamplingParams.Greedy };
        var tokens = new List<int>();
        await foreach (var output in engine.GenerateAsync(request, CancellationToken.None).ConfigureAwait(false))
        {
            tokens.AddRange(output.Tokens);
        }

        return [.. tokens];
    }

    private static int[] Prompt(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => random.Next(32, 127))];
    }
}
