using Trinity.Bench.Vector;
using Trinity.VectorGpu.Devices.Ilgpu;

namespace Trinity.Tests.VectorGpu.Hosting;

public sealed class VectorPoolDeviceTests
{
    [Fact]
    public async Task Search_IlgpuCpuDevice_EveryAnswerIdenticalToCpuDevice()
    {
        // Flat and IVF collections in every metric, overwrites, deletes, filters and k from 1 to 300, as one batch.
        var (cpuName, expected, _) = await PoolEquality.RunAsync("cpu", 500, 20, 8);
        var (ilgpuName, actual, labels) = await PoolEquality.RunAsync("ilgpu-cpu", 500, 20, 8);

        Assert.Equal("cpu", cpuName);
        Assert.Equal("ilgpu-cpu", ilgpuName);
        Assert.Equal(32, actual.Count);
        Assert.Empty(PoolEquality.Differences(expected, actual).Select(i => labels[i]));
        Assert.Contains(actual, r => r.Results.Count == 300);
    }

    [Fact]
    public async Task Start_CudaDeviceWithoutGpu_FailsWithClearMessage()
    {
        if (IlgpuBackend.IsCudaPresent())
        {
            return;
        }

        var home = Directory.CreateTempSubdirectory("trinity-device-").FullName;
        try
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => VectorPoolTestHost.StartAsync(new Dictionary<string, string?> { ["Trinity:VectorPool:Device"] = "cuda" }, home));
            Assert.Contains("Trinity:VectorPool:Device is 'cuda'", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
