using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Devices.Ilgpu;

/// <summary>
/// One launch's work, built on the host from the iteration's work list: each slice's queries are split by k
/// (k ≤ <see cref="ScanKernel.MaxKeep"/>, or bigger, served by tasks of at most that many rows so that a task can keep
/// all its rows), cut into blocks of <see cref="ScanKernel.QueriesPerTask"/>, and each block's rows into tasks.
/// Queries with a payload filter get their own mask bits over the slice.
/// </summary>
internal sealed class LaunchPlan(int rowsPerTask)
{
    public Dictionary<DeviceQuery, long> QueryOffsets { get; } = new(ReferenceEqualityComparer.Instance);

    public long QueryFloats { get; private set; }

    public List<ScanTask> Tasks { get; } = [];

    public List<TaskQuery> TaskQueries { get; } = [];

    /// <summary>The query of each task-query entry.</summary>
    public List<DeviceQuery> Owners { get; } = [];

    public List<int> Masks { get; } = [];

    /// <summary>Candidate slots of the output (sum of every task-query's keep).</summary>
    public long Candidates { get; private set; }

    /// <summary>Plans positions [item.Start, item.Start + <paramref name="count"/>) of a resident source for the item's queries.</summary>
    public void Add(SliceWork item, int count, ResidentSource resident)
    {
        var source = item.Source;
        var masks = new Dictionary<DeviceQuery, long>(ReferenceEqualityComparer.Instance);
        foreach (var query in item.Queries)
        {
            if (query.Vector.Length != source.Stride)
            {
                throw new InvalidOperationException($"query of {query.Vector.Length} floats for a slice of stride {source.Stride}");
            }

            if (!QueryOffsets.ContainsKey(query))
            {
                QueryOffsets.Add(query, QueryFloats);
                QueryFloats += query.Vector.Length;
            }

            masks.TryAdd(query, query.LivenessOnly ? -1 : Mask(source, item.Start, count, query.Accept));
        }

        foreach (var big in new[] { false, true })
        {
            var group = item.Queries.Where(q => q.Heap.K > ScanKernel.MaxKeep == big).Distinct(ReferenceEqualityComparer.Instance).Cast<DeviceQuery>().ToList();
            var rowsPer = big ? ScanKernel.MaxKeep : rowsPerTask;
            for (var b = 0; b < group.Count; b += ScanKernel.QueriesPerTask)
            {
                var block = group.GetRange(b, Math.Min(ScanKernel.QueriesPerTask, group.Count - b));
                for (var s = 0; s < count; s += rowsPer)
                {
                    var rows = Math.Min(rowsPer, count - s);
                    Tasks.Add(new ScanTask(resident.Vectors, resident.Norms, resident.RowIds, resident.Live, item.Start + s, rows, source.Stride, (int)source.Metric, TaskQueries.Count, block.Count));
                    foreach (var query in block)
                    {
                        var keep = Math.Min(query.Heap.K, rows);
                        TaskQueries.Add(new TaskQuery(QueryOffsets[query], query.SquaredNorm, keep, masks[query], item.Start, Candidates));
                        Owners.Add(query);
                        Candidates += keep;
                    }
                }
            }
        }
    }

    /// <summary>Filter bits over the positions, bit 0 = <paramref name="start"/>; returns their offset in <see cref="Masks"/>.</summary>
    private long Mask(SliceSource source, int start, int count, Func<int, bool> accept)
    {
        var offset = Masks.Count;
        var word = 0;
        for (var i = 0; i < count; i++)
        {
            var row = source.RowAt(start + i);
            if (row >= 0 && accept(row))
            {
                word |= 1 << (i & 31);
            }

            if ((i & 31) == 31 || i == count - 1)
            {
                Masks.Add(word);
                word = 0;
            }
        }

        return offset;
    }
}
