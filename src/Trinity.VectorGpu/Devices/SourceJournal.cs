namespace Trinity.VectorGpu.Devices;

/// <summary>
/// Positions of a <see cref="SliceSource"/> whose vector, norm, row or liveness changed in place (an upsert of an
/// existing id, a delete). Appends are not journaled: a device that keeps a copy of the source (the ILGPU device)
/// uploads everything past the count it saw. Each copy keeps its own cursor (<see cref="Epoch"/>, index), so several
/// copies can follow one source; the list is cut at <see cref="Limit"/> entries and the epoch bumped, which tells
/// a copy that fell behind to re-read the whole source. Written and read under the collection's lock.
/// </summary>
internal sealed class SourceJournal
{
    /// <summary>Entries kept before the list is cut; past this a full re-upload is cheaper than replaying.</summary>
    public const int Limit = 1 << 16;

    private readonly List<int> _positions = [];

    /// <summary>Bumped every time the list is cut.</summary>
    public long Epoch { get; private set; }

    /// <summary>Entries recorded in this epoch.</summary>
    public int Count => _positions.Count;

    public void Record(int position)
    {
        if (_positions.Count >= Limit)
        {
            _positions.Clear();
            Epoch++;
        }

        _positions.Add(position);
    }

    /// <summary>Every position changed (the source was compacted): copies re-read the whole source.</summary>
    public void Invalidate()
    {
        _positions.Clear();
        Epoch++;
    }

    /// <summary>Positions recorded at index <paramref name="cursor"/> and after, in this epoch.</summary>
    public IEnumerable<int> Since(int cursor)
    {
        for (var i = cursor; i < _positions.Count; i++)
        {
            yield return _positions[i];
        }
    }
}
