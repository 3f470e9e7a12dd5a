using Trinity.Bench.Load.Workloads;

namespace Trinity.Tests.Bench.Load.Workloads;

public sealed class WorkloadReaderTests
{
    internal const string Minimal = """
        {
          // comments and trailing commas are allowed
          "name": "t",
          "rate": 2,
          "duration_s": 3,
          "slo": { "interactive": { "ttft_ms": 1000, "tpot_ms": 50 } },
          "kinds": [
            { "name": "chat", "slo": "interactive", "max_tokens": 8, "prompts": [ "hello" ], },
          ],
        }
        """;

    [Theory]
    [InlineData("mixed.json")]
    [InlineData("smoke.json")]
    public void Read_ShippedWorkloads_AreValid(string file)
    {
        var workload = WorkloadReader.Read(Path.Combine(AppContext.BaseDirectory, "Workloads", file));

        Assert.NotEmpty(workload.Kinds);
        Assert.All(workload.Kinds, k => Assert.True(workload.Slo.ContainsKey(k.Slo)));
        Assert.All(workload.Kinds, k => Assert.NotEmpty(workload.PromptsOf(k)));
    }

    [Fact]
    public void Read_MixedWorkload_ExercisesEveryRequestKind()
    {
        var workload = WorkloadReader.Read(Path.Combine(AppContext.BaseDirectory, "Workloads", "mixed.json"));

        Assert.Contains(workload.Kinds, k => k.Retrieval is null && k.AnswerCache is null);
        Assert.Contains(workload.Kinds, k => k.Retrieval?.Mode == "once");
        Assert.Contains(workload.Kinds, k => k.Retrieval is { Mode: "interval", IntervalTokens: > 0 });
        Assert.Contains(workload.Kinds, k => k.AnswerCache?.Enabled == true);
        Assert.Contains(workload.Collections, c => c.Source == "synthetic" && c.Points >= 100_000);
        Assert.Contains(workload.Collections, c => c.Source == "documents");
    }

    [Fact]
    public void Parse_MinimalWithCommentsAndTrailingCommas_FillsDefaults()
    {
        var workload = WorkloadReader.Parse(Minimal, "test");

        Assert.Equal(2, workload.Rate);
        Assert.Equal(1, workload.Burstiness);
        Assert.True(workload.IgnoreEos);
        Assert.Equal(["hello"], workload.PromptsOf(workload.Kinds[0]));
        Assert.Equal(50, workload.Slo["interactive"].TpotMs);
    }

    [Fact]
    public void Parse_UnknownField_IsAnErrorNamingIt()
    {
        var json = Minimal.Replace("\"rate\": 2", "\"rate\": 2, \"arrival_rate\": 3", StringComparison.Ordinal);

        var error = Assert.Throws<ArgumentException>(() => WorkloadReader.Parse(json, "typo.json"));

        Assert.Contains("typo.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("arrival_rate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenRules_ListsEveryProblem()
    {
        const string json = """
            {
              "rate": 0,
              "slo": { "interactive": { "ttft_ms": 1000, "tpot_ms": 0 } },
              "kinds": [
                { "name": "rag", "slo": "batch", "weight": 0, "prompts": [ "q" ], "retrieval": { "collection": "docs", "mode": "interval" } },
                { "name": "rag", "slo": "interactive", "prompt_set": "missing" }
              ],
              "collections": [ { "name": "bad name", "source": "synthetic" } ]
            }
            """;

        var message = Assert.Throws<ArgumentException>(() => WorkloadReader.Parse(json, "bad.json")).Message;

        foreach (var expected in new[]
        {
            "rate must be", "slo.interactive needs positive", "slo 'batch' is not a class", "weight must be positive",
            "interval_tokens", "used twice", "prompt_set", "[A-Za-z0-9_-]", "needs points",
        })
        {
            Assert.Contains(expected, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_MissingFile_SaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() => WorkloadReader.Read("/nonexistent/workload.json"));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
