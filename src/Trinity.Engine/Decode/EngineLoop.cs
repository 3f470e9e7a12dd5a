using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trinity.Engine.Contracts;
using Trinity.Engine.Model;
using Trinity.Engine.Diagnostics;
using Trinity.Engine.Model.Tokenization;
using Trinity.Engine.Prefill;
using Trinity.VectorGpu.Client;

namespace Trinity.Engine.Decode;

/// <summary>
/// The engine's step loop, on its own thread: <c>schedule → execute → update</c>. Each step drops finished and
/// cancelled sequences, admits waiting ones within the KV budget, advances the decode batch by one token, and
/// prefills up to one chunk budget of prompts. Sequences join and leave the batch at every step.
/// </summary>
internal sealed partial class EngineLoop : IDisposable
{
    private readonly DecoderSession _session;
    private readonly EngineOptions _options;
    private readonly ILogger _logger;
    private readonly DecodeBatch _batch;
    private readonly PrefillRunner _prefill;
    private readonly Queue<Sequence> _incoming = new();
    private readonly List<Sequence> _waiting = [];
    private readonly List<Sequence> _prefilling = [];
    private readonly List<Sequence> _ready = [];
    private readonly List<Sequence> _parked = [];
    private readonly List<Sequence> _detached = [];
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _queued;
    private long _reservedTokens;
    private int _runningSnapshot;
    private int _batchSnapshot;
    private long _kvBytesSnapshot;

    private readonly ulong _fingerprint;
    private readonly ITokenizer? _tokenizer;
    private readonly IVectorPool? _pool;
    private readonly EngineMetrics? _metrics;

    public EngineLoop(DecoderSession session, EngineOptions options, ulong modelFingerprint, ILogger? logger = null,
        ITokenizer? tokenizer = null, IVectorPool? pool = null, EngineMetrics? metrics = null)
    {
        _fingerprint = modelFingerprint;
        _tokenizer = tokenizer;
        _pool = pool;
        _metrics = metrics;
        _session = session;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _batch = new DecodeBatch(session);
        _prefill = new PrefillRunner(session);
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
        foreach (var s in AllSequences())
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
        DropCancelled();
        Admit();
        ResumeParked();
        var didWork = false;
        if (_ready.Count > 0 || _batch.Rows.Count > 0)
        {
            _batch.Reconcile(_ready, _detached);
            _ready.Clear();
            _parked.AddRange(_detached);
            _detached.Clear();
            if (_batch.Rows.Count > 0)
            {
                _batch.Step();
                didWork = true;
                foreach (var row in _batch.Rows)
                {
                    if (row.DueForRetrieval)
                    {
                        StartRetrieval(row);
                    }
                }
            }
        }

        var budget = _options.PrefillChunkTokens;
        for (var i = 0; i < _prefilling.Count && budget > 0 && !_stopping; i++)
        {
            var s = _prefilling[i];
            budget -= _prefill.RunChunk(s, budget);
            didWork = true;
            if (s.FeedComplete)
            {
                _prefilling.RemoveAt(i--);
                OnPrefilled(s);
            }
        }

        Publish();
        return didWork;
    }

    private void OnPrefilled(Sequence s)
    {
        if (s.Prefilled is { } result)
        {
            try
            {
                var blob = KvTransfer.KvCacheBlob.Export(s.OwnKv!, 0, 0, s.CachedTokens, _session.Config, _fingerprint);
                result.TrySetResult(new PrefillResult(s.Generated[0], blob));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                result.TrySetException(ex);
            }

            s.Finish(FinishReason.Stop, [], string.Empty);
            Release(s);
            return;
        }

        if (s.Finished is not null)
        {
            Release(s);
        }
        else if (s.DueForRetrieval)
        {
            StartRetrieval(s);
            _parked.Add(s);
        }
        else
        {
            _ready.Add(s);
        }
    }

    private void Publish()
    {
        var kvBytes = _batch.KvBytes;
        foreach (var s in _batch.Rows)
        {
            if (s.Finished is not null)
            {
                Release(s);
            }
        }

        foreach (var s in _prefilling)
        {
            kvBytes += s.OwnKv?.Bytes ?? 0;
        }

        foreach (var s in _parked)
        {
            kvBytes += s.OwnKv?.Bytes ?? 0;
        }

        Volatile.Write(ref _runningSnapshot, _prefilling.Count + _ready.Count + _parked.Count + ActiveRows());
        Volatile.Write(ref _batchSnapshot, _batch.Rows.Count);
        Interlocked.Exchange(ref _kvBytesSnapshot, kvBytes);
    }

    private int ActiveRows()
    {
        var active = 0;
        foreach (var s in _batch.Rows)
        {
            if (s.Finished is null)
            {
                active++;
            }
        }

        return active;
    }

    private void FailRunning()
    {
        foreach (var s in _prefilling.Concat(_ready).Concat(_parked).Concat(_batch.Rows).ToList())
        {
            s.Finish(FinishReason.Error, [], string.Empty);
            s.Prefilled?.TrySetException(new InvalidOperationException("the engine failed during prefill"));
            Release(s);
        }

        _prefilling.Clear();
        _ready.Clear();
        _parked.Clear();
        _batch.Reconcile([], _detached);
        _detached.Clear();
    }

    private IEnumerable<Sequence> AllSequences() => _waiting.Concat(_prefilling).Concat(_ready).Concat(_parked).Concat(_batch.Rows);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Engine step failed; running sequences end with an error")]
    private partial void LogStepFailed(Exception exception);
}
