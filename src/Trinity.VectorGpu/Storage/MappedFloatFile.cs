using System.IO.MemoryMappedFiles;

namespace Trinity.VectorGpu.Storage;

/// <summary>
/// Floats in a scratch file mapped into memory: the exact vectors of a quantized collection, "on disk" in that
/// the heap holds none of them and the kernel keeps in its page cache only what searches touch (re-ranks, exact
/// fallbacks, snapshots). The file is rebuilt from the snapshot and log at every start, so it is never fsync'd.
/// Grown (remapped) only under the owning collection's lock, which every reader holds too.
/// </summary>
internal sealed unsafe class MappedFloatFile : IDisposable
{
    private readonly string _path;
    private MemoryMappedFile? _file;
    private MemoryMappedViewAccessor? _view;
    private byte* _pointer;

    public MappedFloatFile(string path, long length)
    {
        _path = path;
        File.Delete(path);
        Map(Math.Max(16, length));
    }

    /// <summary>First float; page-aligned, so 64-byte aligned.</summary>
    public float* Pointer => (float*)_pointer;

    public long Length { get; private set; }

    public Span<float> AsSpan(long start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Length);
        return new Span<float>(Pointer + start, count);
    }

    /// <summary>Makes room for <paramref name="length"/> floats, keeping the contents; the pointer changes.</summary>
    public void Grow(long length)
    {
        if (length <= Length)
        {
            return;
        }

        Unmap();
        Map(length);
    }

    public void Dispose()
    {
        Unmap();
        File.Delete(_path);
    }

    private void Map(long length)
    {
        using (var stream = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            stream.SetLength(length * sizeof(float));
        }

        _file = MemoryMappedFile.CreateFromFile(_path, FileMode.Open, null, length * sizeof(float), MemoryMappedFileAccess.ReadWrite);
        _view = _file.CreateViewAccessor(0, length * sizeof(float), MemoryMappedFileAccess.ReadWrite);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + _view.PointerOffset;
        Length = length;
    }

    private void Unmap()
    {
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _view = null;
        }

        _file?.Dispose();
        _file = null;
        _pointer = null;
    }
}
