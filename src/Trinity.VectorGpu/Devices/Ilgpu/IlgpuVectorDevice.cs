using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;
using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Devices.Ilgpu;

/// <summary>
/// The GPU device, on ILGPU: a CUDA GPU, or ILGPU's CPU accelerator running the same kernels (tests, rehearsals).
/// Collections stay resident on the device (uploaded at first use, new points appended, in-place changes and
/// deletes re-uploaded from the sources' journals); an iteration's whole work list — every query, slice, IVF list,
/// collection, dimension, metric and k — is one launch of <see cref="ScanKernel"/>, whose kept candidates are
/// merged into the queries' partial top-k here. Results equal the CPU device's, ties included (by row).
/// Decode-stage iterations run on the backend's high-priority stream.
/// </summary>
internal sealed class IlgpuVectorDevice : IVectorDevice, IDisposable
{
    /// <summary>Rows per thread group on a GPU: enough groups to fill every multiprocessor at batch 1.</summary>
    public const int GpuRowsPerTask = 2048;

    /// <summary>Rows per thread group on ILGPU's CPU accelerator.</summary>
    public const int CpuRowsPerTask = 1024;

    /// <summary>Launches between sweeps for copies whose source was collected.</summary>
    private const int SweepEvery = 64;

    private readonly IlgpuBackend _backend;
    private readonly DeviceArena<float> _floats;
    private readonly DeviceArena<int> _ints;
    private readonly StagedBuffer<float> _queries;
    private readonly StagedBuffer<ScanTask> _tasks;
    private readonly StagedBuffer<TaskQuery> _taskQueries;
    private readonly StagedBuffer<int> _masks;
    private readonly StagedBuffer<float> _outDistances;
    private readonly StagedBuffer<int> _outRows;
    private readonly StagedBuffer<int> _outCounts;
    private readonly ConditionalWeakTable<SliceSource, ResidentSource> _residentBySource = [];
    private readonly List<ResidentSource> _resident = [];
    private readonly Action<AcceleratorStream, KernelConfig, ArrayView<ScanTask>, ArrayView<TaskQuery>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<int>, ArrayView<int>> _scan;
    private readonly int _rowsPerTask;
    private long _launches;
    private bool _disposed;

    /// <summary>Takes ownership of <paramref name="backend"/>.</summary>
    public IlgpuVectorDevice(IlgpuBackend backend, int rowsPerTask = 0)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _backend = backend;
        _rowsPerTask = rowsPerTask > 0 ? rowsPerTask : backend.IsCuda ? GpuRowsPerTask : CpuRowsPerTask;
        var accelerator = backend.Accelerator;
        _floats = new DeviceArena<float>(accelerator, 1 << 20);
        _ints = new DeviceArena<int>(accelerator, 1 << 16);
        _queries = new StagedBuffer<float>(accelerator, 1 << 14);
        _tasks = new StagedBuffer<ScanTask>(accelerator, 1024);
        _taskQueries = new StagedBuffer<TaskQuery>(accelerator, 4096);
        _masks = new StagedBuffer<int>(accelerator, 1024);
        _outDistances = new StagedBuffer<float>(accelerator, 1 << 16);
        _outRows = new StagedBuffer<int>(accelerator, 1 << 16);
        _outCounts = new StagedBuffer<int>(accelerator, 4096);
        _scan = accelerator.LoadKernel<ArrayView<ScanTask>, ArrayView<TaskQuery>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<int>, ArrayView<int>>(ScanKernel.Scan);
    }

    public string Name => _backend.Name;

    /// <summary>The accelerator and streams this device owns (for diagnostics such as the copy-bandwidth yardstick).</summary>
    public IlgpuBackend Backend => _backend;

    /// <summary>Bytes copied host → device for collections since start (the first upload and every append or change).</summary>
    public long BytesUploaded { get; private set; }

    /// <summary>Device bytes held by resident collections.</summary>
    public long ResidentBytes => _resident.Sum(r => r.Bytes);

    /// <summary>Thread groups of the last launch.</summary>
    public int LastLaunchGroups { get; private set; }

    public void Execute(IReadOnlyList<SliceWork> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _backend.Accelerator.Bind();
        var stream = work.Any(w => w.Queries.Any(q => q.Stage == SearchStage.Decode)) ? _backend.Urgent : _backend.Background;
        if (++_launches % SweepEvery == 0)
        {
            Sweep();
        }

        var plan = new LaunchPlan(_rowsPerTask);
        var synced = new HashSet<ResidentSource>(ReferenceEqualityComparer.Instance);
        foreach (var item in work)
        {
            var count = Math.Min(item.Count, item.Source.Count - item.Start);
            if (count <= 0 || item.Queries.Count == 0)
            {
                continue;
            }

            var resident = Resident(item.Source);
            if (synced.Add(resident))
            {
                BytesUploaded += resident.Sync(item.Source, _floats, _ints, stream);
            }

            if (item.Queries.FirstOrDefault(q => q.LivenessOnly) is { } trusted)
            {
                resident.RefreshLiveness(item.Source, trusted.Accept, _ints, stream);
            }

            plan.Add(item, count, resident);
        }

        if (plan.Tasks.Count == 0)
        {
            return;
        }

        Launch(plan, stream);
        Merge(plan);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _outCounts.Dispose();
        _outRows.Dispose();
        _outDistances.Dispose();
        _masks.Dispose();
        _taskQueries.Dispose();
        _tasks.Dispose();
        _queries.Dispose();
        _ints.Dispose();
        _floats.Dispose();
        _backend.Dispose();
    }

    private ResidentSource Resident(SliceSource source)
    {
        if (!_residentBySource.TryGetValue(source, out var resident))
        {
            resident = new ResidentSource(source);
            _residentBySource.Add(source, resident);
            _resident.Add(resident);
        }

        return resident;
    }

    /// <summary>Releases the device copies of sources nobody holds any more (deleted collections, replaced IVF generations).</summary>
    private void Sweep()
    {
        _resident.RemoveAll(resident =>
        {
            if (resident.Owner.TryGetTarget(out _))
            {
                return false;
            }

            resident.Release(_floats, _ints);
            return true;
        });
    }

    private void Launch(LaunchPlan plan, AcceleratorStream stream)
    {
        var queries = _queries.Host(plan.QueryFloats);
        foreach (var (query, offset) in plan.QueryOffsets)
        {
            query.Vector.CopyTo(queries[(int)offset..]);
        }

        plan.Tasks.CopyTo(_tasks.Host(plan.Tasks.Count));
        plan.TaskQueries.CopyTo(_taskQueries.Host(plan.TaskQueries.Count));
        plan.Masks.CopyTo(_masks.Host(plan.Masks.Count));
        _outDistances.Host(plan.Candidates);
        _outRows.Host(plan.Candidates);
        _outCounts.Host(plan.TaskQueries.Count);

        _queries.Upload(stream, plan.QueryFloats);
        _tasks.Upload(stream, plan.Tasks.Count);
        _taskQueries.Upload(stream, plan.TaskQueries.Count);
        _masks.Upload(stream, plan.Masks.Count);
        LastLaunchGroups = plan.Tasks.Count;
        _scan(
            stream,
            new KernelConfig(plan.Tasks.Count, _backend.GroupSize),
            _tasks.View,
            _taskQueries.View,
            _floats.View,
            _ints.View,
            _queries.View,
            _masks.View,
            _outDistances.View,
            _outRows.View,
            _outCounts.View);
        _outCounts.Download(stream, plan.TaskQueries.Count);
        _outDistances.Download(stream, plan.Candidates);
        _outRows.Download(stream, plan.Candidates);
        stream.Synchronize();
    }

    private void Merge(LaunchPlan plan)
    {
        var counts = _outCounts.Host(plan.TaskQueries.Count);
        var distances = _outDistances.Host(plan.Candidates);
        var rows = _outRows.Host(plan.Candidates);
        for (var i = 0; i < plan.TaskQueries.Count; i++)
        {
            var query = plan.Owners[i];
            var from = (int)plan.TaskQueries[i].Output;
            lock (query.Sync)
            {
                for (var j = 0; j < counts[i]; j++)
                {
                    query.Heap.TryPush(distances[from + j], rows[from + j]);
                }
            }
        }
    }
}
