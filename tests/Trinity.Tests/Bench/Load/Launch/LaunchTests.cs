using Trinity.Bench.Load.Launch;
using Trinity.Bench.Load.Workloads;
using Trinity.Tests.Bench.Load.Workloads;

namespace Trinity.Tests.Bench.Load.Launch;

public sealed class LaunchTests
{
    [Fact]
    public void Chunk_PacksParagraphsUpToTheSizeAndStartsAChunkAtEachHeading()
    {
        var text = "# Title\n\nfirst paragraph here.\n\nsecond one.\n\n## Next\n\n" + string.Join(' ', Enumerable.Repeat("word", 100));

        var chunks = DocumentChunker.Chunk(text, 120);

        Assert.All(chunks, c => Assert.InRange(c.Length, 1, 120));
        Assert.StartsWith("# Title", chunks[0], StringComparison.Ordinal);
        Assert.Contains("second one.", chunks[0], StringComparison.Ordinal);
        Assert.Contains(chunks, c => c.StartsWith("## Next", StringComparison.Ordinal));
        Assert.Equal(100, chunks.Sum(c => c.Split(' ').Count(w => w == "word")));
    }

    [Fact]
    public void RunHome_LinksPreparedDataAndStartsEmptyEachTime()
    {
        var prepared = TestModels.TempDirectory("run-home");
        Directory.CreateDirectory(Path.Combine(prepared, "models", "m"));
        Directory.CreateDirectory(Path.Combine(prepared, "collections", "docs"));
        File.WriteAllText(Path.Combine(prepared, "collections", "docs", "collection.json"), "{}");
        Directory.CreateDirectory(Path.Combine(prepared, "collections", "other"));
        var workload = WorkloadReader.Parse(WorkloadReaderTests.Minimal, "t") with
        {
            Collections = [new WorkloadCollection { Name = "docs", Source = "documents", Paths = ["README.md"] }],
        };

        var run = RunHome.Create(prepared, "t-fifo", workload);
        File.WriteAllText(Path.Combine(run, "collections", "left-by-the-run"), "x");
        var again = RunHome.Create(prepared, "t-fifo", workload);

        Assert.Equal(run, again);
        Assert.True(File.Exists(Path.Combine(again, "collections", "docs", "collection.json")));
        Assert.NotNull(new DirectoryInfo(Path.Combine(again, "models")).LinkTarget);
        Assert.False(Directory.Exists(Path.Combine(again, "collections", "other")));
        Assert.False(File.Exists(Path.Combine(again, "collections", "left-by-the-run")));
        Assert.True(File.Exists(Path.Combine(prepared, "collections", "docs", "collection.json")));
    }

    [Fact]
    public void Environment_CarriesPolicySloClassesAndSettingsAsVariables()
    {
        var workload = WorkloadReader.Parse(WorkloadReaderTests.Minimal, "t") with
        {
            Gateway = new Dictionary<string, string> { ["Trinity:VectorPool:Threads"] = "1" },
        };

        var environment = LaunchedGateway.Environment("/h", "fifo", workload, new Dictionary<string, string> { ["Trinity:VectorPool:Threads"] = "2" });

        Assert.Equal("/h", environment["TRINITY_HOME"]);
        Assert.Equal("fifo", environment["Trinity__VectorPool__Policy"]);
        Assert.Equal("1000", environment["Trinity__Slo__Policies__interactive__TtftMs"]);
        Assert.Equal("50", environment["Trinity__Slo__Policies__interactive__TpotMs"]);
        Assert.Equal("2", environment["Trinity__VectorPool__Threads"]);
    }
}
