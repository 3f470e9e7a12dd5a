using System.Net.Http.Json;
using Trinity.VectorGpu.Client;

namespace Trinity.Tests.VectorGpu.Collections;

public sealed class CollectionDurabilityTests
{
    [Fact]
    public async Task Restart_AfterSnapshotAndLogTruncation_AllPointsAndPayloadsBack()
    {
        var home = Directory.CreateTempSubdirectory("trinity-durable-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["Trinity:VectorPool:SnapshotLogBytes"] = "4096" };
            await using (var host = await VectorPoolTestHost.StartAsync(settings, home))
            {
                await host.Pool.CreateCollectionAsync(new CollectionSpec { Name = "notes", Dimension = 4, Metric = VectorMetric.L2 }, default);
                for (var i = 0; i < 200; i++)
                {
                    await host.Pool.UpsertAsync("notes", [Point(i)], default);
                }

                await host.Pool.DeletePointsAsync("notes", [new PointId("p7")], default);
            }

            Assert.True(File.Exists(Path.Combine(home, "collections", "notes", "snapshot.bin")));
            Assert.True(new FileInfo(Path.Combine(home, "collections", "notes", "wal.log")).Length < 4096 + 1024);
            await using var restarted = await VectorPoolTestHost.StartAsync(settings, home);
            Assert.Equal(199, (await restarted.Pool.GetCollectionAsync("notes", default)).Count);
            var hit = (await restarted.Pool.SearchAsync(new VectorSearchRequest { Collection = "notes", Vector = [42, 1, 0, 0], K = 1 }, default)).Results.Single();
            Assert.Equal("p42", hit.Id.Value);
            Assert.Equal(42, hit.Payload!.Value.GetProperty("n").GetInt32());
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_TornLogTail_PointsBeforeItSurvive()
    {
        var home = Directory.CreateTempSubdirectory("trinity-torn-").FullName;
        try
        {
            await using (var host = await VectorPoolTestHost.StartAsync(home: home))
            {
                await host.Pool.CreateCollectionAsync(new CollectionSpec { Name = "torn", Dimension = 4, Metric = VectorMetric.L2 }, default);
                for (var i = 0; i < 10; i++)
                {
                    await host.Pool.UpsertAsync("torn", [Point(i)], default);
                }
            }

            var log = Path.Combine(home, "collections", "torn", "wal.log");
            var bytes = await File.ReadAllBytesAsync(log);
            await File.WriteAllBytesAsync(log, bytes[..^7]);

            await using var restarted = await VectorPoolTestHost.StartAsync(home: home);
            var info = await restarted.Pool.GetCollectionAsync("torn", default);
            Assert.Equal(9, info.Count);
            using var response = await restarted.Http.PostAsJsonAsync("/v1/collections/torn/search", new { vector = new[] { 8f, 1, 0, 0 }, k = 1 });
            Assert.Contains("\"p8\"", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static VectorPoint Point(int i) => new()
    {
        Id = "p" + i,
        Vector = [i, 1, 0, 0],
        Payload = System.Text.Json.JsonDocument.Parse($"{{\"n\":{i}}}").RootElement,
    };
}
