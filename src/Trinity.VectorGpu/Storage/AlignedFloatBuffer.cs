using System.Runtime.CompilerServices;

namespace Trinity.VectorGpu.Storage;

/// <summary>
/// Float storage on the pinned object heap, 64-byte aligned. Pinned managed memory rather than native memory
/// because scans still running on a detached buffer (a collection deleted or an index retrained mid-query)
/// must stay safe: the garbage collector frees it once nothing refers to it, so no owner has to guess when.
/// </summary>
internal sealed unsafe class AlignedFloatBuffer
{
    private const int AlignmentBytes = 64;
    private readonly float[] _array;

    public AlignedFloatBuffer(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length > Array.MaxLength - 16)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "buffer larger than one array can hold");
        }

        _array = GC.AllocateArray<float>((int)length + 16, pinned: true);
        var address = (nint)Unsafe.AsPointer(ref _array[0]);
        var misalignment = (int)(address & (AlignmentBytes - 1));
        Offset = misalignment == 0 ? 0 : (AlignmentBytes - misalignment) / sizeof(float);
        Length = length;
        Pointer = (float*)Unsafe.AsPointer(ref _array[Offset]);
        HugePages.Advise(Pointer, length * sizeof(float));
    }

    /// <summary>First element, 64-byte aligned; stable for the buffer's lifetime because the array is pinned.</summary>
    public float* Pointer { get; }

    public long Length { get; }

    private int Offset { get; }

    public Span<float> AsSpan(long start, int count) => _array.AsSpan(Offset + (int)start, count);

    public Span<float> AsSpan() => _array.AsSpan(Offset, (int)Length);
}
