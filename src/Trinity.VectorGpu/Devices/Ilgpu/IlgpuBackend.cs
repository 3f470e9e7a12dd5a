using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Trinity.VectorGpu.Devices.Ilgpu;

/// <summary>
/// The ILGPU objects a device runs on, owned together and disposed in reverse order of creation: the context, one
/// accelerator (a CUDA GPU, or ILGPU's CPU accelerator that runs the same kernels on host threads) and two streams:
/// <see cref="Urgent"/> (decode-stage work; the highest CUDA stream priority) and <see cref="Background"/>.
/// </summary>
internal sealed class IlgpuBackend : IDisposable
{
    /// <summary>Threads per group on a GPU: 16 row teams of <see cref="ScanKernel.Lanes"/> lanes.</summary>
    private const int GpuGroupSize = 256;

    private readonly Context _context;
    private bool _disposed;

    private IlgpuBackend(Context context, Accelerator accelerator, AcceleratorStream urgent, AcceleratorStream background, string name, int groupSize)
    {
        _context = context;
        Accelerator = accelerator;
        Urgent = urgent;
        Background = background;
        Name = name;
        GroupSize = groupSize;
    }

    public Accelerator Accelerator { get; }

    /// <summary>The stream for decode-stage work.</summary>
    public AcceleratorStream Urgent { get; }

    /// <summary>The stream for prefill-stage work and uploads that no urgent query waits on.</summary>
    public AcceleratorStream Background { get; }

    /// <summary><c>cuda:0 (NVIDIA H100 …)</c> or <c>ilgpu-cpu</c>.</summary>
    public string Name { get; }

    /// <summary>Threads per group of the scan kernel (a multiple of <see cref="ScanKernel.Lanes"/>).</summary>
    public int GroupSize { get; }

    public bool IsCuda => Accelerator.AcceleratorType == AcceleratorType.Cuda;

    /// <summary>Whether ILGPU finds a CUDA device (a driver and at least one GPU); never throws.</summary>
    public static bool IsCudaPresent()
    {
        try
        {
            using var context = Context.Create(builder => builder.Cuda());
            return context.GetCudaDevices().Count > 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or TypeInitializationException or InvalidOperationException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The CUDA GPU of index <paramref name="ordinal"/>; throws <see cref="InvalidOperationException"/> when there is none.</summary>
    public static IlgpuBackend Cuda(int ordinal = 0)
    {
        var context = Context.Create(builder => builder.Cuda().Optimize(OptimizationLevel.O2));
        try
        {
            var devices = context.GetCudaDevices();
            if (devices.Count <= ordinal)
            {
                throw new InvalidOperationException($"no CUDA device {ordinal}: ILGPU found {devices.Count} (is the NVIDIA driver installed and a GPU visible?)");
            }

            var accelerator = (CudaAccelerator)devices[ordinal].CreateAccelerator(context);
            try
            {
                // CUDA clamps priorities to the device's range, where lower is more urgent: −5 asks for the highest.
                var urgent = PriorityStream(accelerator, -5);
                try
                {
                    var background = PriorityStream(accelerator, 0);
                    return new IlgpuBackend(context, accelerator, urgent, background, $"cuda:{ordinal} ({accelerator.Name})", Math.Min(GpuGroupSize, accelerator.MaxNumThreadsPerGroup));
                }
                catch
                {
                    urgent.Dispose();
                    throw;
                }
            }
            catch
            {
                accelerator.Dispose();
                throw;
            }
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>ILGPU's CPU accelerator: the GPU kernels run on host threads (tests and rehearsals without a GPU).</summary>
    public static IlgpuBackend Cpu()
    {
        // One group at a time of one row team (16 threads): the accelerator runs a group's threads as OS threads that
        // meet at every barrier, so more threads only add switching (measured on 2 busy cores: 16 threads ran a
        // 4000-row scan 2.4x faster than 2 groups of 32).
        var device = new CPUDevice(numThreadsPerWarp: ScanKernel.Lanes, numWarpsPerMultiprocessor: 1, numMultiprocessors: 1);
        var context = Context.Create(builder => builder.CPU(device));
        try
        {
            var accelerator = context.GetCPUDevice(0).CreateCPUAccelerator(context, CPUAcceleratorMode.Parallel);
            var urgent = accelerator.CreateStream();
            var background = accelerator.CreateStream();
            return new IlgpuBackend(context, accelerator, urgent, background, "ilgpu-cpu", accelerator.MaxNumThreadsPerGroup / ScanKernel.Lanes * ScanKernel.Lanes);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Device-to-device copy speed: bytes copied per second (each byte read once and written once) over
    /// <paramref name="repeats"/> copies of <paramref name="bytes"/>, best of them after one warm-up: the
    /// memory-bandwidth yardstick a memory-bound scan is compared against.
    /// </summary>
    public double CopyBytesPerSecond(long bytes, int repeats)
    {
        Accelerator.Bind();
        var length = Math.Max(1, bytes / sizeof(float));
        using var from = Accelerator.Allocate1D<float>(length);
        using var to = Accelerator.Allocate1D<float>(length);
        from.MemSetToZero(Background);
        var best = double.MaxValue;
        for (var i = -1; i < repeats; i++)
        {
            Background.Synchronize();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            to.View.CopyFrom(Background, from.View);
            Background.Synchronize();
            var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (i >= 0)
            {
                best = Math.Min(best, seconds);
            }
        }

        return length * sizeof(float) / best;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Urgent.Dispose();
        Background.Dispose();
        Accelerator.Dispose();
        _context.Dispose();
    }

    private static CudaStream PriorityStream(CudaAccelerator accelerator, int priority)
    {
        accelerator.Bind();
        var status = CudaStreamPriority.Create(out var stream, CudaStreamPriority.NonBlocking, priority);
        if (status != 0)
        {
            throw new InvalidOperationException($"cuStreamCreateWithPriority failed with CUDA error {status}");
        }

        return (CudaStream)accelerator.CreateStream(stream, responsible: true);
    }
}
