using System.Text.Json.Nodes;
using Trinity.Bench.Simulation;

namespace Trinity.Tests.Bench.Simulation;

public sealed class SchedBenchDeviceTests
{
    [Fact]
    public async Task RunAsync_UnknownDevice_FailsNamingTheChoices()
    {
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => SchedBenchCommand.RunAsync(["--device", "gpu0", "--simulate"]));

        Assert.Contains("unknown --device 'gpu0'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OnIlgpuCpu_EveryRunCarriesDevice()
    {
        var json = Path.Combine(Path.GetTempPath(), $"trinity-sched-{Guid.NewGuid():N}.json");
        try
        {
            var exit = await SchedBenchCommand.RunAsync([
                "--device", "ilgpu-cpu", "--policy", "fifo,trinity", "--n", "600", "--decode-n", "200", "--d", "16",
                "--rate", "20", "--duration", "0.5", "--prefill-deadline-ms", "2000", "--decode-deadline-ms", "1000", "--json", json]);

            Assert.Equal(0, exit);
            var runs = JsonNode.Parse(File.ReadAllText(json))!["runs"]!.AsArray();
            Assert.Equal(4, runs.Count);
            Assert.All(runs, run => Assert.Equal("ilgpu-cpu", (string)run!["device"]!));
            Assert.True(runs.Sum(r => (int)r!["completed"]!) > 0);
        }
        finally
        {
            File.Delete(json);
        }
    }
}
