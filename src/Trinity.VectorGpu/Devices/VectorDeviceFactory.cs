using Microsoft.Extensions.Logging;
using Trinity.VectorGpu.Devices.Cpu;
using Trinity.VectorGpu.Devices.Ilgpu;
using Trinity.VectorGpu.Diagnostics;

namespace Trinity.VectorGpu.Devices;

/// <summary>
/// Creates the device named by <c>Trinity:VectorPool:Device</c>: <c>cpu</c>; <c>cuda</c> (the ILGPU device on the
/// first CUDA GPU; no GPU is a start-up error); <c>ilgpu-cpu</c> (the same kernels on ILGPU's CPU accelerator, for
/// tests and rehearsals); <c>auto</c> (CUDA when a GPU is present, else the CPU device).
/// </summary>
internal static class VectorDeviceFactory
{
    public const string Auto = "auto";
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";
    public const string IlgpuCpu = "ilgpu-cpu";

    public static readonly string[] Names = [Auto, Cpu, Cuda, IlgpuCpu];

    public static bool IsKnown(string? name) => name is not null && Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The device; the caller owns it (every device is <see cref="IDisposable"/>).</summary>
    public static IVectorDevice Create(string name, int threads, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(name);
        switch (name.ToLowerInvariant())
        {
            case Cpu:
                return new CpuVectorDevice(threads);
            case IlgpuCpu:
                return new IlgpuVectorDevice(IlgpuBackend.Cpu());
            case Cuda:
                try
                {
                    return new IlgpuVectorDevice(IlgpuBackend.Cuda());
                }
                catch (Exception exception) when (exception is InvalidOperationException or DllNotFoundException or TypeInitializationException or NotSupportedException)
                {
                    throw new InvalidOperationException($"Trinity:VectorPool:Device is '{Cuda}' but no CUDA device can be used: {exception.Message}", exception);
                }

            case Auto:
                if (IlgpuBackend.IsCudaPresent())
                {
                    return new IlgpuVectorDevice(IlgpuBackend.Cuda());
                }

                VectorPoolLog.NoCudaDevice(logger);
                return new CpuVectorDevice(threads);
            default:
                throw new ArgumentException($"unknown vector device '{name}'; expected one of {string.Join(", ", Names)}", nameof(name));
        }
    }
}
