using Trinity.VectorGpu.Diagnostics;
using Trinity.VectorGpu.Indexes;

namespace Trinity.VectorGpu.Collections;

/// <summary>
/// Reclaiming deleted rows. Rows never move under a search (its partial top-k and its walk hold row numbers), so a
/// delete leaves a dead slot; a collection that keeps replacing points (the answer cache's semantic tier, a corpus
/// re-ingested under new ids) would grow without bound. Once the dead rows outnumber the live ones, a write that
/// finds no search of the collection in flight renumbers the live rows 0…n−1 in row order, which is exactly the
/// numbering a reload from a snapshot gives, so a restart still rebuilds the same state.
/// </summary>
internal sealed partial class Collection
{
    private int _searchesInFlight;

    /// <summary>Compactions done since the collection was opened.</summary>
    public int Compactions { get; private set; }

    /// <summary>Rows deleted and not yet reclaimed.</summary>
    public int DeadRows
    {
        get
        {
            lock (Sync)
            {
                return _points.DeadCount;
            }
        }
    }

    /// <summary>A search now holds row numbers of this collection (called under <see cref="Sync"/> when it is admitted).</summary>
    public void SearchStarted() => Interlocked.Increment(ref _searchesInFlight);

    /// <summary>A search answered, failed or was cancelled: it holds no row numbers any more.</summary>
    public void SearchEnded() => Interlocked.Decrement(ref _searchesInFlight);

    /// <summary>Compacts when due and safe. Caller holds <see cref="Sync"/>.</summary>
    private void MaybeCompact()
    {
        var dead = _points.DeadCount;
        if (dead < Math.Max(_options.CompactionMinDeadRows, _points.LiveCount)
            || Volatile.Read(ref _searchesInFlight) > 0
            || _dirtyWhileTraining is not null
            || _graphPending.Count > 0)
        {
            return;
        }

        var live = _points.Compact();
        _store.Compact(live);
        if (_ivf is { } ivf)
        {
            var compacted = new IvfIndex(Spec.Dimension, Spec.Metric, ivf.Centroids, ivf.Nlist, ivf.TrainedOn, ivf.Format);
            for (var row = 0; row < live.Length; row++)
            {
                var list = ivf.ListOf(live[row]);
                if (list >= 0)
                {
                    compacted.Add(row, _store.Row(row), _store.Source.SquaredNorms[row], list);
                }
                else
                {
                    compacted.Add(row, _store.Row(row), _store.Source.SquaredNorms[row]);
                }
            }

            _ivf = compacted;
        }

        _graph?.Compact(live);
        if (_searchVectors is { } vectors)
        {
            for (var row = 0; row < live.Length; row++)
            {
                vectors.Set(row, _store.Row(row));
            }
        }

        Compactions++;
        VectorPoolLog.Compacted(_logger, Name, dead, live.Length);
    }
}
