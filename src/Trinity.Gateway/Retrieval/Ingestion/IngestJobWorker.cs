using Trinity.Contracts.Errors;
using Trinity.Gateway.Errors;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Runs queued ingest jobs one at a time (ingestion is throughput work: one writer keeps the pool's log and
/// the CPU free for live requests). A job stops at its next batch when cancelled or when the server stops.</summary>
internal sealed class IngestJobWorker(
    IngestJobQueue queue,
    DocumentIngester ingester,
    IngestionMetrics metrics,
    TimeProvider time,
    ILogger<IngestJobWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunAsync(job, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through and settle the jobs that will never run.
        }

        while (queue.Reader.TryRead(out var waiting))
        {
            waiting.Finish(IngestJobState.Cancelled, IngestJob.CancelledError("The server stopped before the job started."), time.GetUtcNow());
        }
    }

    private async Task RunAsync(IngestJob job, CancellationToken stoppingToken)
    {
        var plan = job.TryStart(time.GetUtcNow());
        if (plan is null)
        {
            return;
        }

        var started = time.GetTimestamp();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(job.CancellationToken, stoppingToken);
        var state = IngestJobState.Succeeded;
        ErrorDetail? error = null;
        try
        {
            await ingester.IngestAsync(plan, job.Progress, cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            state = IngestJobState.Cancelled;
            error = IngestJob.CancelledError(stoppingToken.IsCancellationRequested
                ? "The server stopped while the job ran; documents written before stay."
                : "The job was cancelled; documents written before stay.");
        }
        catch (PipelineException exception)
        {
            state = IngestJobState.Failed;
            error = new ErrorDetail(exception.Message, exception.Type, exception.Param, exception.Code);
            IngestionLog.JobFailed(logger, job.Id, exception.Code, exception.Message);
        }
        catch (Exception exception)
        {
            // Reported in the job's record; the worker goes on with the next job.
            state = IngestJobState.Failed;
            error = new ErrorDetail("The job failed with an internal error.", ErrorKinds.ServerErrorType, Code: "internal_error");
            IngestionLog.JobCrashed(logger, job.Id, exception);
        }

        job.Finish(state, error, time.GetUtcNow());
        var elapsed = time.GetElapsedTime(started);
        metrics.RecordJob(state, elapsed);
        IngestionLog.JobFinished(logger, job.Id, IngestJob.StateName(state), Math.Round(elapsed.TotalSeconds, 3), job.Progress.DocumentsDone, job.Progress.ChunksWritten);
    }
}
