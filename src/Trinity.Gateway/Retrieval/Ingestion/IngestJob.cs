using Trinity.Contracts.Errors;
using Trinity.Gateway.Errors;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>One background ingest: its plan (dropped once finished, to free the documents), progress and state.
/// State changes happen under a lock so that a cancellation racing with the worker lands exactly once. The
/// cancellation source has no timer and no parent, so it holds nothing that needs disposing.</summary>
internal sealed class IngestJob
{
    private readonly Lock _sync = new();
    private IngestPlan? _plan;
    private readonly CancellationTokenSource _cancellation = new();
    private IngestJobState _state = IngestJobState.Queued;
    private ErrorDetail? _error;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _finishedAt;

    public IngestJob(string id, IngestPlan plan, DateTimeOffset createdAt)
    {
        Id = id;
        _plan = plan;
        Collection = plan.Collection;
        DocumentsTotal = plan.Documents.Count;
        CreatedAt = createdAt;
    }

    public string Id { get; }

    public string Collection { get; }

    public int DocumentsTotal { get; }

    public DateTimeOffset CreatedAt { get; }

    public IngestProgress Progress { get; } = new();

    /// <summary>Fires when a client cancels the running job.</summary>
    public CancellationToken CancellationToken => _cancellation.Token;

    public IngestJobState State
    {
        get
        {
            lock (_sync)
            {
                return _state;
            }
        }
    }

    /// <summary>When the job reached its final state, or null.</summary>
    public DateTimeOffset? FinishedAt
    {
        get
        {
            lock (_sync)
            {
                return _finishedAt;
            }
        }
    }

    public static string StateName(IngestJobState state) => state switch
    {
        IngestJobState.Queued => "queued",
        IngestJobState.Running => "running",
        IngestJobState.Succeeded => "succeeded",
        IngestJobState.Failed => "failed",
        _ => "cancelled",
    };

    /// <summary>Moves a queued job to running and hands out its plan; null when it was cancelled while queued.</summary>
    public IngestPlan? TryStart(DateTimeOffset now)
    {
        lock (_sync)
        {
            if (_state != IngestJobState.Queued || _plan is null)
            {
                return null;
            }

            _state = IngestJobState.Running;
            _startedAt = now;
            return _plan;
        }
    }

    /// <summary>Records the final state (the first one wins).</summary>
    public void Finish(IngestJobState state, ErrorDetail? error, DateTimeOffset now)
    {
        lock (_sync)
        {
            if (_finishedAt is not null)
            {
                return;
            }

            _state = state;
            _error = error;
            _finishedAt = now;
            _plan = null;
        }
    }

    /// <summary>Cancels a queued job at once, or asks a running one to stop after its current write; returns the state
    /// the job was in. The running job's callbacks run on the thread pool, not on the caller's request.</summary>
    public async Task<IngestJobState> CancelAsync(DateTimeOffset now)
    {
        IngestJobState state;
        lock (_sync)
        {
            state = _state;
            if (state == IngestJobState.Queued)
            {
                _state = IngestJobState.Cancelled;
                _error = CancelledError("The job was cancelled before it started.");
                _finishedAt = now;
                _plan = null;
            }
        }

        if (state == IngestJobState.Running)
        {
            await _cancellation.CancelAsync().ConfigureAwait(false);
        }

        return state;
    }

    public static ErrorDetail CancelledError(string message) => new(message, ErrorKinds.InvalidRequestType, Code: "cancelled");

    public IngestJobView ToView()
    {
        lock (_sync)
        {
            return new IngestJobView
            {
                Id = Id,
                Collection = Collection,
                State = _state,
                DocumentsTotal = DocumentsTotal,
                DocumentsDone = Progress.DocumentsDone,
                ChunksWritten = Progress.ChunksWritten,
                ChunksDeleted = Progress.ChunksDeleted,
                Error = _error,
                CreatedAt = CreatedAt.ToUnixTimeSeconds(),
                StartedAt = _startedAt?.ToUnixTimeSeconds(),
                FinishedAt = _finishedAt?.ToUnixTimeSeconds(),
            };
        }
    }
}
