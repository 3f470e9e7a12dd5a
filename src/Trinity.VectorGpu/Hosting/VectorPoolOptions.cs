namespace Trinity.VectorGpu.Hosting;

/// <summary>Configuration section <c>Trinity:VectorPool</c>; validated at start.</summary>
internal sealed class VectorPoolOptions
{
    public const string SectionName = "Trinity:VectorPool";

    /// <summary>Scheduling policy: <c>fifo</c>, <c>static</c> or <c>trinity</c>.</summary>
    public string Policy { get; set; } = "trinity";

    /// <summary>Estimated device time one iteration may spend, in ms: the preemption granularity.</summary>
    public double IterationBudgetMs { get; set; } = 2;

    /// <summary>
    /// Iteration budget while decode-stage queries arrive (one in the last 100 ms); at most <see cref="IterationBudgetMs"/>.
    /// Shorter iterations shorten a decode-stage query's wait for the one in progress and its own.
    /// </summary>
    public double DecodeIterationBudgetMs { get; set; } = 1;

    /// <summary>Rows per work item (slice) of a scan.</summary>
    public int SliceRows { get; set; } = 8192;

    /// <summary><c>static</c> policy: queries per batch.</summary>
    public int StaticBatchSize { get; set; } = 32;

    /// <summary><c>static</c> policy: longest wait for a full batch, in ms.</summary>
    public double StaticBatchTimeoutMs { get; set; } = 2;

    /// <summary>Queries that may wait for admission before callers are held back.</summary>
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>Deadline of a decode-stage query that brings none, in ms.</summary>
    public double DecodeDeadlineMs { get; set; } = 50;

    /// <summary>Deadline of a prefill-stage query that brings none, in ms.</summary>
    public double PrefillDeadlineMs { get; set; } = 1000;

    /// <summary>IVF lists scanned when a query does not say.</summary>
    public int DefaultNprobe { get; set; } = 16;

    /// <summary>Device: <c>auto</c> (CUDA when present, else CPU), <c>cpu</c>, <c>cuda</c> or <c>ilgpu-cpu</c> (the GPU kernels on ILGPU's CPU accelerator).</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Graph beam width when a query does not say.</summary>
    public int DefaultEf { get; set; } = 64;

    /// <summary>Most graph expansions one walk advances per iteration (the bound that lets walks share and be preempted).</summary>
    public int GraphStepsPerIteration { get; set; } = 256;

    /// <summary>Graph expansions granted at a time when walks share an iteration round-robin.</summary>
    public int GraphStepChunk { get; set; } = 16;

    /// <summary>SQ8 ranges are learnt once a collection holds this many points.</summary>
    public int QuantizerTrainPoints { get; set; } = 1000;

    /// <summary>Quantized searches re-rank this many times k candidates (at most ef) on fp32 vectors.</summary>
    public int RerankFactor { get; set; } = 4;

    /// <summary>Deleted rows are reclaimed once they number this many and outnumber the live ones (see docs/VECTOR_POOL.md).</summary>
    public int CompactionMinDeadRows { get; set; } = 1024;

    /// <summary>How long the idle loop polls for the next query before sleeping, in µs (0: sleep at once).</summary>
    public double IdleSpinMicroseconds { get; set; } = 50;

    /// <summary>
    /// How long a caller whose search is the only one in flight polls for its answer before awaiting it, in µs
    /// (0: await at once). An answer found while polling costs no thread hand-off. 250: a graph search on 200k × 128
    /// takes 50–150 µs, and with 100 a good share of them outlasted the poll and paid the hand-off anyway (batch-1 QPS
    /// 9.0–13.8k against 14.5–16.2k with a longer poll, docs/BENCHMARKS.md).
    /// </summary>
    public double AnswerSpinMicroseconds { get; set; } = 250;

    /// <summary>Device threads; 0 = every core.</summary>
    public int Threads { get; set; }

    /// <summary>Cost model: bytes per second a scan reads.</summary>
    public double ScanBytesPerSecond { get; set; } = 12e9;

    /// <summary>Cost model: multiply-adds ×2 per second.</summary>
    public double FlopsPerSecond { get; set; } = 5e10;

    /// <summary>Log size that triggers a snapshot.</summary>
    public long SnapshotLogBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>IVF collections below this many points are searched exactly.</summary>
    public int IvfMinTrainPoints { get; set; } = 1024;

    /// <summary>k-means sample per centroid.</summary>
    public int IvfPointsPerCentroid { get; set; } = 64;

    /// <summary>k-means iterations.</summary>
    public int IvfTrainIterations { get; set; } = 10;

    /// <summary>Dimension of the default text embedder.</summary>
    public int EmbeddingDimension { get; set; } = 384;

    /// <summary>Most points in one upsert or delete call.</summary>
    public int MaxPointsPerRequest { get; set; } = 100_000;
}
