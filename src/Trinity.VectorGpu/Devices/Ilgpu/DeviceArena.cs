using ILGPU;
using ILGPU.Runtime;

namespace Trinity.VectorGpu.Devices.Ilgpu;

/// <summary>
/// One device buffer carved into regions (first fit, neighbours coalesced on free), so that a single kernel
/// launch can address every resident collection through one view and offsets. Grows by reallocating and copying
/// on the device; offsets stay valid across growth. Owns its buffer.
/// </summary>
internal sealed class DeviceArena<T> : IDisposable
    where T : unmanaged
{
    /// <summary>Region sizes are rounded up to this many elements, keeping rows aligned for coalesced reads.</summary>
    private const long Granule = 64;

    private readonly Accelerator _accelerator;
    private readonly SortedDictionary<long, long> _free = [];
    private MemoryBuffer1D<T, Stride1D.Dense> _buffer;
    private long _top;

    public DeviceArena(Accelerator accelerator, long initialCapacity)
    {
        _accelerator = accelerator;
        _buffer = accelerator.Allocate1D<T>(Math.Max(Granule, initialCapacity));
    }

    public ArrayView<T> View => _buffer.View;

    /// <summary>Elements allocated on the device, free regions included.</summary>
    public long Capacity => _buffer.Length;

    /// <summary>Elements in live regions.</summary>
    public long Used { get; private set; }

    /// <summary>A region of at least <paramref name="length"/> elements; may grow the buffer (copying on <paramref name="stream"/>).</summary>
    public long Allocate(long length, AcceleratorStream stream)
    {
        length = Round(length);
        foreach (var (offset, size) in _free)
        {
            if (size >= length)
            {
                _free.Remove(offset);
                if (size > length)
                {
                    _free.Add(offset + length, size - length);
                }

                Used += length;
                return offset;
            }
        }

        if (_top + length > _buffer.Length)
        {
            Grow(Math.Max(_buffer.Length * 2, _top + length), stream);
        }

        var at = _top;
        _top += length;
        Used += length;
        return at;
    }

    public void Free(long offset, long length)
    {
        length = Round(length);
        Used -= length;
        if (offset + length == _top)
        {
            _top = offset;
            // The region now at the top may itself follow a free one: give that back to the top as well.
            while (_free.Count > 0 && _free.Last() is var (last, size) && last + size == _top)
            {
                _free.Remove(last);
                _top = last;
            }

            return;
        }

        _free.Add(offset, length);
        Coalesce(offset);
    }

    public void Dispose() => _buffer.Dispose();

    private static long Round(long length) => Math.Max(Granule, (length + Granule - 1) / Granule * Granule);

    private void Coalesce(long offset)
    {
        var size = _free[offset];
        if (_free.TryGetValue(offset + size, out var after))
        {
            _free.Remove(offset + size);
            size += after;
            _free[offset] = size;
        }

        var before = _free.Keys.Where(k => k < offset).DefaultIfEmpty(-1).Max();
        if (before >= 0 && before + _free[before] == offset)
        {
            _free[before] += size;
            _free.Remove(offset);
        }
    }

    private void Grow(long capacity, AcceleratorStream stream)
    {
        var bigger = _accelerator.Allocate1D<T>(capacity);
        if (_top > 0)
        {
            bigger.View.SubView(0, _top).CopyFrom(stream, _buffer.View.SubView(0, _top));
        }

        stream.Synchronize();
        _buffer.Dispose();
        _buffer = bigger;
    }
}
