using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;

namespace Trinity.VectorGpu.Devices.Ilgpu;

/// <summary>
/// A device buffer with a page-locked (pinned) host twin of the same length, for what crosses the bus every
/// iteration (queries, tasks, masks, candidates): copies from pinned memory are true asynchronous DMA. Both grow
/// together by doubling, never shrink, and are owned (and disposed) here.
/// </summary>
internal sealed class StagedBuffer<T> : IDisposable
    where T : unmanaged
{
    private readonly Accelerator _accelerator;
    private MemoryBuffer1D<T, Stride1D.Dense> _device;
    private PageLockedArray1D<T> _host;

    public StagedBuffer(Accelerator accelerator, long initialLength)
    {
        _accelerator = accelerator;
        var length = Math.Max(64, initialLength);
        _device = accelerator.Allocate1D<T>(length);
        try
        {
            _host = accelerator.AllocatePageLocked1D<T>(length);
        }
        catch
        {
            _device.Dispose();
            throw;
        }
    }

    public ArrayView<T> View => _device.View;

    /// <summary>The pinned host memory, at least <paramref name="length"/> elements (contents kept only up to the old length).</summary>
    public Span<T> Host(long length)
    {
        Ensure(length);
        return _host.Span[..checked((int)length)];
    }

    /// <summary>Starts copying the first <paramref name="length"/> host elements to the device on <paramref name="stream"/>.</summary>
    public void Upload(AcceleratorStream stream, long length)
    {
        if (length > 0)
        {
            View.SubView(0, length).CopyFromCPUUnsafeAsync(stream, ref MemoryMarshal.GetReference(_host.Span), length);
        }
    }

    /// <summary>Starts copying the first <paramref name="length"/> device elements back to the host on <paramref name="stream"/>.</summary>
    public void Download(AcceleratorStream stream, long length)
    {
        if (length > 0)
        {
            View.SubView(0, length).CopyToCPUUnsafeAsync(stream, ref MemoryMarshal.GetReference(_host.Span), length);
        }
    }

    public void Dispose()
    {
        _host.Dispose();
        _device.Dispose();
    }

    private void Ensure(long length)
    {
        if (length <= _device.Length)
        {
            return;
        }

        var capacity = Math.Max(length, _device.Length * 2);
        var host = _accelerator.AllocatePageLocked1D<T>(capacity);
        _host.Span.CopyTo(host.Span);
        _host.Dispose();
        _host = host;
        _device.Dispose();
        _device = _accelerator.Allocate1D<T>(capacity);
    }
}
