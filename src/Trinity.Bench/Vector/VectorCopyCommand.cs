using System.Globalization;
using System.Text.Json;
using Trinity.Bench.Reports;
using Trinity.VectorGpu.Devices.Ilgpu;

namespace Trinity.Bench.Vector;

/// <summary>
/// <c>vector copy [--device cuda|ilgpu-cpu] [--mib 1024] [--repeats 10] [--json OUT]</c>: device-to-device copy
/// bandwidth through ILGPU's memory copy (bytes copied per second; each is read once and written once), the
/// yardstick for the scan's GB/s.
/// </summary>
internal static class VectorCopyCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var options = new BenchArguments(args);
        var device = BenchDevices.Name(options);
        var mib = options.Int("mib") ?? 1024;
        var repeats = options.Int("repeats") ?? 10;
        using var backend = device switch
        {
            "cuda" or "auto" => Cuda(),
            "ilgpu-cpu" => IlgpuBackend.Cpu(),
            _ => throw new ArgumentException("vector copy needs an ILGPU device: --device cuda or ilgpu-cpu"),
        };
        var bytesPerSecond = backend.CopyBytesPerSecond((long)mib << 20, repeats);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{backend.Name}: copy of {mib} MiB: {bytesPerSecond / 1e9:F2} GB/s copied ({2 * bytesPerSecond / 1e9:F2} GB/s read + written)"));
        var report = new BenchReport("vector copy");
        report.Add(JsonSerializer.SerializeToNode(new Dictionary<string, object?>
        {
            ["device"] = backend.Name,
            ["mib"] = mib,
            ["copy_gb_per_s"] = Math.Round(bytesPerSecond / 1e9, 2),
            ["read_write_gb_per_s"] = Math.Round(2 * bytesPerSecond / 1e9, 2),
        })!.AsObject());
        report.Write(options.String("json"));
        return Task.FromResult(0);
    }

    private static IlgpuBackend Cuda()
    {
        try
        {
            return IlgpuBackend.Cuda();
        }
        catch (InvalidOperationException exception)
        {
            throw new ArgumentException(exception.Message, exception);
        }
    }
}
