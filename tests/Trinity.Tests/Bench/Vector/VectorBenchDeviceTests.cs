using System.Text.Json.Nodes;
using Trinity.Bench.Vector;

namespace Trinity.Tests.Bench.Vector;

public sealed class VectorBenchDeviceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trinity-vector-bench-").FullName;

    [Fact]
    public async Task RunAsync_UnknownDevice_FailsNamingTheChoices()
    {
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => VectorBenchCommand.RunAsync(["kernel", "--device", "tpu", "--n", "100"]));

        Assert.Contains("unknown --device 'tpu'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("ilgpu-cpu", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FlatOnIlgpuCpu_RecallIsOneAndRunsCarryDevice()
    {
        Assert.Equal(0, await VectorBenchCommand.RunAsync(["gen", "--n", "600", "--d", "24", "--queries", "8", "--k", "10", "--out", _folder]));
        var json = Path.Combine(_folder, "flat.json");

        var exit = await VectorBenchCommand.RunAsync([
            "--base", Path.Combine(_folder, "base.fvecs"), "--queries", Path.Combine(_folder, "queries.fvecs"), "--gt", Path.Combine(_folder, "gt.ivecs"),
            "--k", "10", "--index", "flat", "--batch", "1,4", "--device", "ilgpu-cpu", "--json", json]);

        Assert.Equal(0, exit);
        var runs = JsonNode.Parse(File.ReadAllText(json))!["runs"]!.AsArray();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, run =>
        {
            Assert.Equal("ilgpu-cpu", (string)run!["device"]!);
            Assert.Equal(1.0, (double)run["recall"]!);
        });
    }

    [Fact]
    public async Task RunAsync_KernelOnIlgpuCpuWithCheck_EqualToCpuWithCopyYardstick()
    {
        var json = Path.Combine(_folder, "kernel.json");

        var exit = await VectorBenchCommand.RunAsync(["kernel", "--device", "ilgpu-cpu", "--n", "1000", "--d", "32", "--batch", "1,5", "--repeats", "1", "--check", "--json", json]);

        Assert.Equal(0, exit);
        var runs = JsonNode.Parse(File.ReadAllText(json))!["runs"]!.AsArray();
        Assert.Equal([1, 5], runs.Select(r => (int)r!["batch"]!));
        Assert.All(runs, run =>
        {
            Assert.Equal("ilgpu-cpu", (string)run!["device"]!);
            Assert.True((bool)run["equal_to_cpu"]!);
            Assert.True((double)run["copy_gb_per_s"]! > 0);
        });
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
