using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Diagnostics;
using Trinity.VectorGpu.Indexes;
using Trinity.VectorGpu.Scheduling;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Collections;

/// <summary>IVF (re)training: off the lock on a copy of the rows, installed under it with the rows written meanwhile re-assigned.</summary>
internal sealed partial class Collection
{
    /// <summary>Completes when no IVF training is running or due.</summary>
    public async Task WaitForIndexAsync()
    {
        while (true)
        {
            Task training;
            lock (Sync)
            {
                if (_dirtyWhileTraining is null)
                {
                    return;
                }

                training = _training;
            }

            await training.ConfigureAwait(false);
        }
    }

    private void MaybeStartTraining()
    {
        if (Spec.Index != IndexKind.Ivf || _dirtyWhileTraining is not null || _disposed)
        {
            return;
        }

        var count = _points.LiveCount;
        var nlist = Spec.Nlist ?? IvfTrainer.DefaultNlist(count);
        var due = _ivf is null ? count >= Math.Max(_options.IvfMinTrainPoints, nlist * 4) : count >= 2 * _ivf.TrainedOn;
        if (!due)
        {
            return;
        }

        if (Spec.Storage == VectorStorage.Sq8 && _listFormat is null)
        {
            // The lists are written as codes from the start: their ranges are learnt first, from the same rows.
            TrainQuantizer();
        }

        var rows = _points.LiveRows().ToArray();
        var copy = new AlignedFloatBuffer((long)rows.Length * Stride);
        for (var i = 0; i < rows.Length; i++)
        {
            _store.Row(rows[i]).CopyTo(copy.AsSpan((long)i * Stride, Stride));
        }

        _dirtyWhileTraining = [];
        _training = Task.Run(() => TrainAndInstall(copy, rows, nlist));
    }

    private void TrainAndInstall(AlignedFloatBuffer copy, int[] rows, int nlist)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var (centroids, assignment) = IvfTrainer.Train(copy, rows, Stride, nlist, _options.IvfPointsPerCentroid, _options.IvfTrainIterations, seed: 20_240_601);
            lock (Sync)
            {
                var index = new IvfIndex(Spec.Dimension, Spec.Metric, centroids, nlist, rows.Length, _listFormat);
                var dirty = _dirtyWhileTraining!;
                for (var i = 0; i < rows.Length; i++)
                {
                    var row = rows[i];
                    if (_points.IsLive(row) && !dirty.Contains(row))
                    {
                        index.Add(row, _store.Row(row), _store.Source.SquaredNorms[row], assignment[i]);
                    }
                }

                foreach (var row in dirty.Where(_points.IsLive))
                {
                    index.Add(row, _store.Row(row), _store.Source.SquaredNorms[row]);
                }

                _ivf = index;
                _dirtyWhileTraining = null;
                VectorPoolLog.IvfTrained(_logger, Name, nlist, rows.Length, watch.ElapsedMilliseconds);
                MaybeStartTraining();
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            VectorPoolLog.IvfTrainingFailed(_logger, exception, Name);
            lock (Sync)
            {
                _dirtyWhileTraining = null;
            }
        }
    }
}
