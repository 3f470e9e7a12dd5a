using Trinity.VectorGpu.Devices.Ilgpu;

namespace Trinity.Tests.VectorGpu.Devices;

/// <summary>One ILGPU CPU-accelerator device for a test class: creating it compiles the kernel, which takes a while.</summary>
public sealed class IlgpuCpuFixture : IDisposable
{
    internal IlgpuVectorDevice Device { get; } = new(IlgpuBackend.Cpu(), rowsPerTask: 512);

    public void Dispose() => Device.Dispose();
}
