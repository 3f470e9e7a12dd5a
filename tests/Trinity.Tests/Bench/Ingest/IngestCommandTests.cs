using System.Text.Json;
using Trinity.Bench;
using Trinity.Bench.Ingest;
using Trinity.Tests.Gateway.Retrieval.Ingestion;

namespace Trinity.Tests.Bench.Ingest;

public sealed class IngestCommandTests(IngestionGatewayFixture fixture) : IClassFixture<IngestionGatewayFixture>
{
    private readonly IngestionClient _client = fixture.Client;

    [Fact]
    public async Task Ingest_DocsFolder_ExitsZeroAndTheCollectionHoldsEveryChunk()
    {
        var folder = DocsFolder();
        var collection = IngestionClient.NewCollection("cli");
        var json = Path.Combine(TestModels.TempDirectory("ingest-cli"), "ingest.json");

        var exit = await RunAsync(folder, collection, "--batch", "2", "--chunk-tokens", "64", "--overlap", "8", "--json", json);

        Assert.Equal(0, exit);
        var run = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("runs")[0];
        Assert.Equal((7, 6, 1), (run.GetProperty("files").GetInt32(), run.GetProperty("documents").GetInt32(), run.GetProperty("skipped").GetInt32()));
        Assert.True(run.GetProperty("jobs").GetInt32() >= 1, "the large file's batch runs as a job");
        Assert.True(run.GetProperty("requests").GetInt32() > run.GetProperty("jobs").GetInt32(), "small batches answer synchronously");
        var written = run.GetProperty("chunks_written").GetInt64();
        Assert.True(written > 50, $"{written} chunks");
        Assert.Equal(written, run.GetProperty("collection_count").GetInt64());
        Assert.Equal(written, await _client.CountAsync(collection));

        var pool = (await _client.ChunksOfAsync(collection, "docs/VECTOR_POOL.md"))[0].GetProperty("payload");
        Assert.Equal("docs/VECTOR_POOL.md", pool.GetProperty("path").GetString());
        Assert.Equal("The vector pool (`src/Trinity.VectorGpu`)", pool.GetProperty("title").GetString());
        var emoji = (await _client.ChunksOfAsync(collection, "notes/emoji.txt")).Select(c => c.GetProperty("payload")).ToList();
        Assert.All(emoji, e => Assert.Equal("emoji", e.GetProperty("title").GetString()));
        Assert.All(emoji, e => Assert.Equal(
            IngestionTestData.Multibyte[e.GetProperty("char_start").GetInt32()..e.GetProperty("char_end").GetInt32()], e.GetProperty("text").GetString()));
        Assert.Equal(IngestionTestData.Multibyte.Length, emoji[^1].GetProperty("char_end").GetInt32());
        var guide = (await _client.ChunksOfAsync(collection, "guide.markdown"))[0].GetProperty("payload");
        Assert.Equal("Setext Guide", guide.GetProperty("title").GetString());
        Assert.Empty(await _client.ChunksOfAsync(collection, ".hidden/secret.md"));
    }

    [Fact]
    public async Task Ingest_SameFolderTwice_ReplacesChunksInsteadOfAddingThem()
    {
        var folder = DocsFolder();
        var collection = IngestionClient.NewCollection("cli-twice");
        Assert.Equal(0, await RunAsync(folder, collection));
        var first = await _client.CountAsync(collection);

        File.WriteAllText(Path.Combine(folder, "README.md"), "# Short\n\nThe readme is now one line.");
        Assert.Equal(0, await RunAsync(folder, collection));

        var readme = Assert.Single(await _client.ChunksOfAsync(collection, "README.md"));
        Assert.Equal("Short", readme.GetProperty("payload").GetProperty("title").GetString());
        Assert.True(await _client.CountAsync(collection) < first);
    }

    [Fact]
    public async Task Ingest_BatchLargerThanTheServerTakes_IsSentInHalves()
    {
        var folder = TestModels.TempDirectory("ingest-split");
        var text = IngestionTestData.Documentation();
        for (var i = 0; i < 8; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"part-{i}.md"), $"# Part {i}\n\n" + text[(i * 400)..((i * 400) + 20_000)]);
        }

        var collection = IngestionClient.NewCollection("cli-split");
        var json = Path.Combine(folder, "report.json");
        Assert.True(8 * 20_000 > IngestionGatewayFixture.MaxRequestBodyBytes);

        var exit = await RunAsync(folder, collection, "--batch", "8", "--json", json);

        Assert.Equal(0, exit);
        var run = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("runs")[0];
        Assert.Equal(8, run.GetProperty("documents").GetInt32());
        Assert.True(run.GetProperty("jobs").GetInt32() >= 2, "each half runs as its own job");
        Assert.Equal(run.GetProperty("chunks_written").GetInt64(), await _client.CountAsync(collection));
    }

    [Fact]
    public async Task Ingest_UnreachableServer_ExitsOneWithAOneLineError()
    {
        var (exit, error) = await CaptureErrorAsync(() => IngestCommand.RunAsync(new BenchArguments(
            ["--dir", DocsFolder(), "--collection", "nowhere", "--url", "http://127.0.0.1:1"])));

        Assert.Equal(1, exit);
        Assert.StartsWith("error: cannot reach http://127.0.0.1:1/", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Ingest_ServerRefusesAFile_ExitsOneNamingTheFile()
    {
        var folder = TestModels.TempDirectory("ingest-refused");
        File.WriteAllText(Path.Combine(folder, "ok.md"), "# Fine\n\nA small file.");
        File.WriteAllText(Path.Combine(folder, "huge.txt"), new string('a', IngestionGatewayFixture.MaxDocumentChars + 1));

        var (exit, error) = await CaptureErrorAsync(() => RunAsync(folder, IngestionClient.NewCollection("cli-refused")));

        Assert.Equal(1, exit);
        Assert.StartsWith("error: HTTP 400: huge.txt: Invalid 'documents[0].text'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# Title\n\nText", "Title")]
    [InlineData("Intro line\n\n## Second level ##\ntext", "Second level")]
    [InlineData("```bash\n# not a heading\n```\n# Real heading", "Real heading")]
    [InlineData("Setext Title\n=====\n\nbody", "Setext Title")]
    [InlineData("no heading at all\n\njust text", null)]
    public void FirstHeading_Markdown_FindsTheFirstHeadingOutsideCode(string markdown, string? title) =>
        Assert.Equal(title, DocumentFolder.FirstHeading(markdown));

    private Task<int> RunAsync(string folder, string collection, params string[] extra) =>
        IngestCommand.RunAsync(new BenchArguments(
            ["--dir", folder, "--collection", collection, "--url", new Uri(fixture.Host.BaseAddress, "/v1").ToString(), .. extra]));

    /// <summary>A copy of the repository's docs/ and README plus files that exercise the walk: nested, multibyte,
    /// empty, hidden, another extension, and one large enough to run as a job.</summary>
    private static string DocsFolder()
    {
        var folder = TestModels.TempDirectory("ingest-docs");
        var root = IngestionTestData.RepositoryRoot;
        Directory.CreateDirectory(Path.Combine(folder, "docs"));
        foreach (var file in new[] { "docs/VECTOR_POOL.md", "docs/BENCHMARKS.md", "README.md" })
        {
            // The docs keep growing past the server's per-document limit: copy whole lines up to DocumentationChars.
            var text = File.ReadAllText(Path.Combine(root, file));
            var limit = IngestionTestData.DocumentationChars;
            File.WriteAllText(Path.Combine(folder, file), text.Length <= limit ? text : text[..(text.LastIndexOf('\n', limit - 1) + 1)]);
        }

        Directory.CreateDirectory(Path.Combine(folder, "notes"));
        Directory.CreateDirectory(Path.Combine(folder, ".hidden"));
        File.WriteAllText(Path.Combine(folder, "notes", "emoji.txt"), IngestionTestData.Multibyte);
        File.WriteAllText(Path.Combine(folder, "notes", "empty.txt"), "  \n\n --- \n");
        File.WriteAllText(Path.Combine(folder, ".hidden", "secret.md"), "# Secret\n\nNot to be ingested.");
        File.WriteAllText(Path.Combine(folder, "image.png"), "not text");
        File.WriteAllText(Path.Combine(folder, "guide.markdown"), "Setext Guide\n============\n\nHow to ingest a folder of notes.");
        File.WriteAllText(Path.Combine(folder, "big.md"), "# Big\n\n" + IngestionTestData.Documentation());
        return folder;
    }

    private static async Task<(int Exit, string Error)> CaptureErrorAsync(Func<Task<int>> run)
    {
        var original = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            return (await run(), error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }
}
