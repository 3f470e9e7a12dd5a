using System.Diagnostics.Metrics;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Instruments of meter <c>Trinity.Ingestion</c>: <c>trinity_ingest_documents_total</c>,
/// <c>trinity_ingest_chunks_total</c>, <c>trinity_ingest_chunks_deleted_total</c>,
/// <c>trinity_ingest_job_duration_seconds</c> (by final state) and <c>trinity_ingest_jobs_queued</c>.</summary>
internal sealed class IngestionMetrics
{
    public const string MeterName = "Trinity.Ingestion";

    private static readonly double[] JobBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    public IngestionMetrics(IMeterFactory meterFactory, IngestJobQueue queue)
    {
        var meter = meterFactory.Create(MeterName);
        Documents = meter.CreateCounter<long>("trinity.ingest.documents", "{document}", "Documents ingested (chunked and written).");
        Chunks = meter.CreateCounter<long>("trinity.ingest.chunks", "{chunk}", "Chunks written to the vector pool.");
        ChunksDeleted = meter.CreateCounter<long>("trinity.ingest.chunks_deleted", "{chunk}", "Stale chunks of re-ingested documents removed.");
        JobDuration = meter.CreateHistogram(
            "trinity.ingest.job.duration", "s", "Ingest job run time, start to final state, by state.", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = JobBuckets });
        meter.CreateObservableGauge("trinity.ingest.jobs_queued", () => queue.Count, "{job}", "Ingest jobs waiting for the worker.");
    }

    public Counter<long> Documents { get; }

    public Counter<long> Chunks { get; }

    public Counter<long> ChunksDeleted { get; }

    public Histogram<double> JobDuration { get; }

    public void RecordJob(IngestJobState state, TimeSpan duration) =>
        JobDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("state", IngestJob.StateName(state)));
}
