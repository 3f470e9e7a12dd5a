using System.Text.Json;
using Trinity.Grammar.Matching;
using Trinity.Grammar.Vocabulary;

namespace Trinity.Bench.Grammar;

/// <summary>
/// <c>grammar [--vocab synthetic|cl100k|o200k|PATH] [--batch 1,16] [--tokens N] [--seed S]</c>: mask time per
/// token (P50/P99/mean) for a nested schema and for <c>json_object</c>, plus compile and table-build times, as JSON.
/// cl100k/o200k come from the tokenizer oracle cache the tests fill; without it the synthetic 100k vocabulary is used.
/// </summary>
internal static class GrammarBenchCommand
{
    public static int Run(BenchArguments options)
    {
        var vocabName = options.String("vocab") ?? "cl100k";
        var batches = options.IntList("batch") ?? [1, 16];
        var tokens = options.Int("tokens") ?? 4000;
        var seed = options.Int("seed") ?? 1;
        var (vocabulary, source) = LoadVocabulary(vocabName);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        _ = vocabulary.Trie;
        var trieMs = clock.Elapsed.TotalMilliseconds;
        var results = new List<object>();
        foreach (var (name, build) in new (string, Func<CompiledGrammar>)[]
        {
            ("nested-order", () => CompiledGrammar.FromJsonSchema(BenchSchemas.NestedOrder, vocabulary)),
            ("json_object", () => CompiledGrammar.ForJsonObject(vocabulary)),
        })
        {
            var grammar = build();
            new MaskDriver(grammar, 1, seed).Run(Math.Min(tokens, 500)); // JIT and buffer warm-up
            var perBatch = new List<object>();
            foreach (var batch in batches)
            {
                var driver = new MaskDriver(grammar, batch, seed);
                var times = driver.Run(tokens);
                Array.Sort(times);
                perBatch.Add(new
                {
                    batch,
                    masks = tokens,
                    completedOutputs = driver.Completed,
                    p50Us = Math.Round(Percentile(times, 0.50), 2),
                    p99Us = Math.Round(Percentile(times, 0.99), 2),
                    meanUs = Math.Round(times.Average(), 2),
                    maxUs = Math.Round(times[^1], 2),
                });
            }

            results.Add(new
            {
                schema = name,
                compileMs = Math.Round(grammar.CompileTime.TotalMilliseconds, 1),
                tableBuildMs = Math.Round(grammar.TableBuildTime.TotalMilliseconds, 1),
                states = grammar.StateCount,
                tableMiB = Math.Round(grammar.TableBytes / 1048576.0, 2),
                batches = perBatch,
            });
        }

        Console.WriteLine(JsonSerializer.Serialize(
            new { vocab = source, vocabSize = vocabulary.Count, trieBuildMs = Math.Round(trieMs, 1), processors = Environment.ProcessorCount, results },
            new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static (TokenVocabulary, string) LoadVocabulary(string name)
    {
        if (name == "synthetic")
        {
            return (SyntheticVocabulary.Create(), "synthetic-100k");
        }

        if (name is "cl100k" or "o200k")
        {
            var cached = TiktokenVocabulary.FindCached(name);
            if (cached is null)
            {
                Console.Error.WriteLine($"{name} is not in the tokenizer oracle cache (run the tokenizer tests once); using the synthetic vocabulary");
                return (SyntheticVocabulary.Create(), "synthetic-100k");
            }

            return (TiktokenVocabulary.Load(cached), name);
        }

        return File.Exists(name) ? (TiktokenVocabulary.Load(name), name) : throw new ArgumentException($"--vocab: no file '{name}'");
    }

    private static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(q * sorted.Length))];
}
