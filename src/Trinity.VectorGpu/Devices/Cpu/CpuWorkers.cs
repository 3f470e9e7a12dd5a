namespace Trinity.VectorGpu.Devices.Cpu;

/// <summary>
/// The CPU device's own threads, one per core beside the caller. Each iteration hands them a number of work
/// units claimed through one interlocked counter. Dedicated threads rather than Parallel.For: the pool's loop runs
/// on a thread-pool thread, and its replicas then waited behind the rest of the process for a pool thread.
/// </summary>
internal sealed class CpuWorkers : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim _start = new(0);
    private readonly CountdownEvent _finished = new(1);
    private Action<int>? _body;
    private int _count;
    private int _next;
    private Exception? _failure;
    private volatile bool _disposed;

    public CpuWorkers(int threads)
    {
        Threads = Math.Max(1, threads);
        _threads = new Thread[Threads - 1];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"trinity-vector-cpu-{i + 1}" };
            _threads[i].Start();
        }
    }

    public int Threads { get; }

    /// <summary>Runs <paramref name="body"/> for 0..count−1 on every thread, the caller included; rethrows the first failure.</summary>
    public void Run(int count, Action<int> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (count <= 1 || _threads.Length == 0)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        _body = body;
        _count = count;
        _next = -1;
        _failure = null;
        var helpers = Math.Min(_threads.Length, count - 1);
        _finished.Reset(helpers + 1);
        _start.Release(helpers);
        Drain();
        _finished.Wait();
        _body = null;
        if (_failure is not null)
        {
            throw new AggregateException(_failure);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _start.Release(_threads.Length);
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _start.Dispose();
        _finished.Dispose();
    }

    private void Work()
    {
        while (true)
        {
            _start.Wait();
            if (_disposed)
            {
                return;
            }

            Drain();
        }
    }

    private void Drain()
    {
        try
        {
            var body = _body!;
            for (var i = Interlocked.Increment(ref _next); i < _count; i = Interlocked.Increment(ref _next))
            {
                body(i);
            }
        }
        catch (Exception exception)
        {
            Interlocked.CompareExchange(ref _failure, exception, null);
        }
        finally
        {
            _finished.Signal();
        }
    }
}
