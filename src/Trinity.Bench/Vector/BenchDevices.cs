using Microsoft.Extensions.Logging.Abstractions;
using Trinity.VectorGpu.Devices;

namespace Trinity.Bench.Vector;

/// <summary>The <c>--device</c> option of the vector and sched commands: a name the pool accepts, or a clear error.</summary>
internal static class BenchDevices
{
    /// <summary>The device name given (default <c>cpu</c>), checked.</summary>
    public static string Name(BenchArguments options)
    {
        var name = options.String("device") ?? VectorDeviceFactory.Cpu;
        return VectorDeviceFactory.IsKnown(name)
            ? name.ToLowerInvariant()
            : throw new ArgumentException($"unknown --device '{name}'; expected one of {string.Join(", ", VectorDeviceFactory.Names)}");
    }

    /// <summary>Creates the device; a device this machine cannot run (no CUDA GPU) is an argument error too.</summary>
    public static IVectorDevice Create(string name, int threads)
    {
        try
        {
            return VectorDeviceFactory.Create(name, threads, NullLogger.Instance);
        }
        catch (InvalidOperationException exception)
        {
            throw new ArgumentException(exception.Message, exception);
        }
    }
}
