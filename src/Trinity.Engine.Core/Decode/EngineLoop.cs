using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trinity.Contracts;
using Trinity.Engine.Decode.Scheduling;
using Trinity.Engine.Diagnostics;
using Trinity.Engine.Model;
using Trinity.Engine.Prefill;
using Trinity.Tokenization;
using Trinity.VectorGpu.Client;

namespace Trinity.Engine.Decode;

/// <summary>
/// The engine's step loop, on its own thread: <c>schedule → execute → update</c>. The pure
/// <see cref="DecodeScheduler{T}"/> decides admission, slots and prefill chunks; this class executes its plan on ONNX
/// Runtime — slot changes and one decode forward pass for the batch, then the prefill chunks — and does the loop's I/O
/// (arrivals, decode-stage searches, KV export for the prefill role). Sequences join and leave the batch at every step.
/// </summary>
internal sealed partial class EngineLoop : IDisposable
{
    private readonly DecoderSession _session;
    private readonly EngineOptions _options;
    private readonly ILogger _logger;
    private readonly IDecodeBatch _batch;
    private readonly PrefillRunner _prefill;
    private readonly DecodeScheduler<Sequence> _scheduler;
    private readonly TimeProvider _time;
    private readonly Queue<Sequence> _incoming = new();
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _queued;
    private int _runningSnapshot;
    private int _batchSnapshot;
    private long _kvBytesSnapshot;

    /// <summary>Decode-stage searches started and not yet collected (loop thread only); the loop looks for results only
    /// while some are out.</summary>
    private int _retrievalsInFlight;

    private readonly ITokenizer? _tokenizer;
    private readonly IVectorPool? _pool;
    private readonly EngineMetrics? _metrics;

    public EngineLoop(DecoderSession session, EngineOptions options, ILogger? logger = null,
        ITokenizer? tokenizer = null, IVectorPool? pool = null, EngineMetrics? metrics = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        _tokenizer = tokenizer;
        _pool = pool;
        _metrics = metrics;
        _session = session;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _batch = session.Layout == KvLayout.SharedBuffer ? new SlotDecodeBatch(session, options.MaxBatchSize) : new ClassicDecodeBatch(session);
        _prefill = new PrefillRunner(session);
        _scheduler = new DecodeScheduler<Sequence>(options.MaxBatchSize, options.MaxKvTokens, options.PrefillChunkTokens, _time);
        _thread = new Thread(Run) { IsBackground = true, Name = "trinity-engine-loop" };
        _thread.Start();
    }

    public ModelConfig Config => _session.Config;

    /// <summary>Sequences running (prefilling or decoding).</summary>
    public int Running => Volatile.Read(ref _runningSnapshot);

    /// <summary>Sequences waiting for admission.</summary>
    public int Waiting => Volatile.Read(ref _queued);

    public long KvBytes => Interlocked.Read(ref _kvBytesSnapshot);

    public int BatchSize => Volatile.Read(ref _batchSnapshot);

    /// <summary>Queues a sequence; false when the queue is full.</summary>
    public bool TrySubmit(Sequence sequence)
    {
        if (_stopping || Interlocked.Increment(ref _queued) > _options.MaxQueuedRequests)
        {
            Interlocked.Decrement(ref _queued);
            return false;
        }

        lock (_incoming)
        {
            _incoming.Enqueue(sequence);
        }

        _wake.Release();
        return true;
    }

    /// <summary>Makes the loop look at cancellations now rather than after its current wait.</summary>
    public void Wake() => _wake.Release();

    public void Dispose()
    {
        _stopping = true;
        _wake.Release();
        _thread.Join();
        lock (_incoming)
        {
            while (_incoming.TryDequeue(out var s))
            {
                _scheduler.Enqueue(s);
            }
        }

        foreach (var s in _scheduler.Clear())
        {
            s.ReleaseKv();
            s.Finish(FinishReason.Cancelled, [], string.Empty);
            s.Prefilled?.TrySetCanceled();
        }

        _batch.Dispose();
        _wake.Dispose();
    }

    private void Run()
    {
        while (!_stopping)
        {
            try
            {
                if (!Step())
                {
                    _wake.Wait();
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogStepFailed(ex);
                FailRunning();
            }
        }
    }

    /// <summary>One iteration; false when there was nothing to do.</summary>
    private bool Step()
    {
        DrainIncoming();
        CollectRetrievals();
        var plan = _scheduler.Schedule();
        Settle(plan);
        _batch.Apply(plan);
        if (plan.DecodeRows.Count > 0)
        {
            _batch.Step(plan.DecodeRows);
            foreach (var row in plan.DecodeRows)
            {
                if (row.DueForRetrieval)
                {
                    StartRetrieval(row);
                }
            }
        }

        foreach (var (s, tokens) in plan.Prefill)
        {
            if (_stopping)
            {
                break;
            }

            _prefill.RunChunk(s, tokens);
            if (s.FeedComplete)
            {
                OnPrefilled(s);
            }
        }

        Publish(plan);
        return plan.HasWork;
    }

    private void DrainIncoming()
    {
        lock (_incoming)
        {
            while (_incoming.TryDequeue(out var s))
            {
                _scheduler.Enqueue(s);
            }
        }
    }

    /// <summary>Frees what the scheduler dropped and counts what it admitted.</summary>
    private void Settle(StepPlan<Sequence> plan)
    {
        foreach (var (s, phase) in plan.Dropped)
        {
            if (phase == SequencePhase.Waiting)
            {
                Interlocked.Decrement(ref _queued);
            }

            s.Finish(FinishReason.Cancelled, [], string.Empty);
            s.Prefilled?.TrySetCanceled();
            s.ReleaseKv();
            if (s.Retrieval is not null)
            {
                s.Retrieval = null;
                _retrievalsInFlight--;
            }
        }

        foreach (var _ in plan.Admitted)
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    private void OnPrefilled(Sequence s)
    {
        if (s.Prefilled is { } result)
        {
            if (s.Generated.Count == 0)
            {
                // A grammar that allows no first token: nothing to hand over.
                result.TrySetException(new ArgumentException("the constraint allows no output"));
                s.Finish(FinishReason.Stop, [], string.Empty);
                s.ReleaseKv();
                return;
            }

            // The cache leaves the loop as it is (no export here: framing it for the wire, when a connector needs
            // that, happens on the receiver's thread, not on the step loop's).
            var kv = s.OwnKv!;
            s.OwnKv = null;
            try
            {
                kv = Exact(kv, s.CachedTokens);
                if (!result.TrySetResult(new PrefilledKv(s.Generated[0], kv, s.FirstLogprob)))
                {
                    kv.Dispose();
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                kv.Dispose();
                result.TrySetException(ex);
            }

            s.Finish(FinishReason.Stop, [], string.Empty);
            return;
        }

        if (s.DueForRetrieval)
        {
            StartRetrieval(s);
        }
    }

    /// <summary>A cache holding exactly <paramref name="positions"/> positions: the same one when it does already.</summary>
    private KvCache Exact(KvCache kv, int positions)
    {
        if (kv.Length == positions)
        {
            return kv;
        }

        var exact = KvCache.Allocate(_session.Config, 1, positions);
        kv.CopyRowTo(0, 0, positions, exact, 0, 0);
        kv.Dispose();
        return exact;
    }

    private void Publish(StepPlan<Sequence> plan)
    {
        var kvBytes = _batch.KvBytes + _scheduler.SumOutsideBatch(static s => s.OwnKv?.Bytes ?? 0);

        var active = 0;
        foreach (var s in plan.DecodeRows)
        {
            if (!s.IsDone)
            {
                active++;
            }
        }

        Volatile.Write(ref _runningSnapshot, _scheduler.Running - plan.DecodeRows.Count + active);
        Volatile.Write(ref _batchSnapshot, plan.DecodeRows.Count);
        Interlocked.Exchange(ref _kvBytesSnapshot, kvBytes);
    }

    private void FailRunning()
    {
        foreach (var s in _scheduler.ClearRunning())
        {
            s.Finish(FinishReason.Error, [], string.Empty);
            s.Prefilled?.TrySetException(new InvalidOperationException("the engine failed during prefill"));
            s.ReleaseKv();
        }

        _retrievalsInFlight = 0;
        _batch.Reset();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Engine step failed; running sequences end with an error")]
    private partial void LogStepFailed(Exception exception);
}
