using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;

namespace Trinity.VectorGpu.Devices.Ilgpu;

/// <summary>
/// The device copy of one <see cref="SliceSource"/>: its vectors, norms, row ids (IVF lists) and a liveness bit
/// per position, in regions of the device's arenas. Kept in step at every launch that touches the source: new
/// positions are uploaded, positions in the source's <see cref="SourceJournal"/> re-uploaded, a journal that was
/// cut (or a first sight) uploads everything. Liveness is recomputed lazily, only for positions that changed,
/// and only when a query that trusts it (<see cref="DeviceQuery.LivenessOnly"/>) scans the source.
/// </summary>
internal sealed unsafe class ResidentSource
{
    private readonly HashSet<int> _livenessDue = [];
    private int[] _liveBits = [];
    private int _livenessDueFrom;
    private long _epoch = -1;
    private int _cursor;

    public ResidentSource(SliceSource source)
    {
        Owner = new WeakReference<SliceSource>(source);
        Stride = source.Stride;
        HasRowIds = source.RowIds is not null;
    }

    /// <summary>The host block mirrored; once collected, the copy is released by the device.</summary>
    public WeakReference<SliceSource> Owner { get; }

    public int Stride { get; }

    public bool HasRowIds { get; }

    /// <summary>Positions the regions can hold.</summary>
    public int Capacity { get; private set; }

    /// <summary>Positions on the device.</summary>
    public int Uploaded { get; private set; }

    public long Vectors { get; private set; }

    public long Norms { get; private set; }

    /// <summary>Offset of the row ids in the int arena, −1 for a flat store (position = row).</summary>
    public long RowIds { get; private set; } = -1;

    /// <summary>Offset of the liveness bits in the int arena.</summary>
    public long Live { get; private set; }

    /// <summary>Device bytes held.</summary>
    public long Bytes => ((long)Capacity * (Stride + 1) * sizeof(float)) + ((HasRowIds ? Capacity : 0) * sizeof(int)) + (Words(Capacity) * sizeof(int));

    /// <summary>Brings the copy up to date with <paramref name="source"/>; returns the bytes uploaded.</summary>
    public long Sync(SliceSource source, DeviceArena<float> floats, DeviceArena<int> ints, AcceleratorStream stream)
    {
        var count = source.Count;
        var journal = source.Journal;
        var dirty = new SortedSet<int>();
        if (journal.Epoch != _epoch)
        {
            Uploaded = 0;
            _livenessDueFrom = 0;
            _livenessDue.Clear();
        }
        else
        {
            foreach (var position in journal.Since(_cursor))
            {
                if (position < Uploaded)
                {
                    dirty.Add(position);
                }
            }
        }

        _epoch = journal.Epoch;
        _cursor = journal.Count;
        if (count > Capacity)
        {
            Grow(Math.Max(count, Math.Max(1024, Capacity * 2)), floats, ints, stream);
        }

        long bytes = 0;
        foreach (var position in dirty)
        {
            bytes += Upload(source, position, 1, floats, ints, stream);
            _livenessDue.Add(position);
        }

        if (count > Uploaded)
        {
            bytes += Upload(source, Uploaded, count - Uploaded, floats, ints, stream);
            _livenessDueFrom = Math.Min(_livenessDueFrom, Uploaded);
            Uploaded = count;
        }

        return bytes;
    }

    /// <summary>Recomputes the liveness bits of changed positions with <paramref name="isLive"/> (a row predicate) and uploads the words that changed.</summary>
    public void RefreshLiveness(SliceSource source, Func<int, bool> isLive, DeviceArena<int> ints, AcceleratorStream stream)
    {
        if (_livenessDueFrom >= Uploaded && _livenessDue.Count == 0)
        {
            return;
        }

        var words = new SortedSet<int>();
        foreach (var position in _livenessDue)
        {
            SetBit(position, source.RowAt(position) is var row && row >= 0 && isLive(row));
            words.Add(position >> 5);
        }

        for (var position = _livenessDueFrom; position < Uploaded; position++)
        {
            SetBit(position, source.RowAt(position) is var row && row >= 0 && isLive(row));
        }

        var view = ints.View;
        foreach (var word in words.Where(w => w < _livenessDueFrom >> 5))
        {
            view.SubView(Live + word, 1).CopyFromCPU(stream, ref _liveBits[word], 1);
        }

        var firstWord = _livenessDueFrom >> 5;
        if (firstWord < Words(Uploaded))
        {
            view.SubView(Live + firstWord, Words(Uploaded) - firstWord).CopyFromCPU(stream, ref _liveBits[firstWord], Words(Uploaded) - firstWord);
        }

        _livenessDue.Clear();
        _livenessDueFrom = Uploaded;
    }

    /// <summary>Gives the regions back to the arenas.</summary>
    public void Release(DeviceArena<float> floats, DeviceArena<int> ints)
    {
        if (Capacity == 0)
        {
            return;
        }

        floats.Free(Vectors, (long)Capacity * Stride);
        floats.Free(Norms, Capacity);
        if (HasRowIds)
        {
            ints.Free(RowIds, Capacity);
        }

        ints.Free(Live, Words(Capacity));
        Capacity = 0;
        Uploaded = 0;
    }

    private static int Words(int positions) => (positions + 31) >> 5;

    private void SetBit(int position, bool live)
    {
        ref var word = ref _liveBits[position >> 5];
        word = live ? word | (1 << (position & 31)) : word & ~(1 << (position & 31));
    }

    private long Upload(SliceSource source, int start, int count, DeviceArena<float> floats, DeviceArena<int> ints, AcceleratorStream stream)
    {
        var floatsView = floats.View;
        var length = (long)count * Stride;
        if (source.Format is { } format)
        {
            // A quantized block is kept on the device as its decoded fp32 rows (the kernel reads fp32), with the
            // decoded rows' norms, so the device ranks exactly as the CPU device does.
            var decoded = new float[length];
            fixed (float* target = decoded)
            {
                format.Decode(source.Codes + ((long)start * format.CodeBytes), count, target);
            }

            floatsView.SubView(Vectors + ((long)start * Stride), length).CopyFromCPU(stream, decoded);
            floatsView.SubView(Norms + start, count).CopyFromCPU(stream, ref source.CodeNorms![start], count);
        }
        else
        {
            floatsView.SubView(Vectors + ((long)start * Stride), length).CopyFromCPU(stream, ref Unsafe.AsRef<float>(source.Vectors + ((long)start * Stride)), length);
            floatsView.SubView(Norms + start, count).CopyFromCPU(stream, ref source.SquaredNorms[start], count);
        }
        if (HasRowIds)
        {
            ints.View.SubView(RowIds + start, count).CopyFromCPU(stream, ref source.RowIds![start], count);
        }

        return (length + count) * sizeof(float);
    }

    private void Grow(int capacity, DeviceArena<float> floats, DeviceArena<int> ints, AcceleratorStream stream)
    {
        var vectors = floats.Allocate((long)capacity * Stride, stream);
        var norms = floats.Allocate(capacity, stream);
        var rowIds = HasRowIds ? ints.Allocate(capacity, stream) : -1;
        var live = ints.Allocate(Words(capacity), stream);

        // Views are taken after the allocations: an arena that grew has a new buffer.
        var floatsView = floats.View;
        var intsView = ints.View;
        if (Uploaded > 0)
        {
            floatsView.SubView(vectors, (long)Uploaded * Stride).CopyFrom(stream, floatsView.SubView(Vectors, (long)Uploaded * Stride));
            floatsView.SubView(norms, Uploaded).CopyFrom(stream, floatsView.SubView(Norms, Uploaded));
            if (HasRowIds)
            {
                intsView.SubView(rowIds, Uploaded).CopyFrom(stream, intsView.SubView(RowIds, Uploaded));
            }

            intsView.SubView(live, Words(Uploaded)).CopyFrom(stream, intsView.SubView(Live, Words(Uploaded)));
        }

        var uploaded = Uploaded;
        Release(floats, ints);
        Uploaded = uploaded;
        Capacity = capacity;
        Vectors = vectors;
        Norms = norms;
        RowIds = rowIds;
        Live = live;
        Array.Resize(ref _liveBits, Words(capacity));
    }
}
