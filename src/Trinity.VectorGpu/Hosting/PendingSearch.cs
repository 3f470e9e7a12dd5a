using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Collections;

namespace Trinity.VectorGpu.Hosting;

/// <summary>A validated query on its way to the iteration loop, with the caller's completion.</summary>
internal sealed class PendingSearch
{
    public PendingSearch(Collection collection, float[] vector, int k, PayloadFilter? filter, int nprobe, SearchStage stage, DateTimeOffset arrival, DateTimeOffset deadline, int ef = 64)
    {
        Ef = ef;
        Collection = collection;
        Vector = vector;
        K = k;
        Filter = filter;
        Nprobe = nprobe;
        Stage = stage;
        Arrival = arrival;
        Deadline = deadline;
    }

    public Collection Collection { get; }

    /// <summary>Prepared query vector (normalised for cosine, padded to the collection's stride).</summary>
    public float[] Vector { get; }

    public int K { get; }

    public PayloadFilter? Filter { get; }

    public int Nprobe { get; }

    /// <summary>Graph beam width.</summary>
    public int Ef { get; }

    public SearchStage Stage { get; }

    public DateTimeOffset Arrival { get; }

    public DateTimeOffset Deadline { get; }

    public TaskCompletionSource<VectorSearchResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by the caller's cancellation; the loop drops the query.</summary>
    public volatile bool Cancelled;

    /// <summary>The query once admitted, so that a cancellation reaches the scheduler.</summary>
    public Scheduling.ScheduledQuery? Scheduled { get; set; }
}
